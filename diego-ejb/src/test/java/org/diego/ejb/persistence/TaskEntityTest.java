package org.diego.ejb.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diego.core.json.Json;
import org.diego.core.model.Action;
import org.diego.core.model.CachedDependency;
import org.diego.core.model.CertificateProperties;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.File;
import org.diego.core.model.ImageLayer;
import org.diego.core.model.LogRateLimit;
import org.diego.core.model.MetricTagValue;
import org.diego.core.model.Network;
import org.diego.core.model.RunAction;
import org.diego.core.model.SecurityGroupRule;
import org.diego.core.model.Task;
import org.diego.core.model.TaskDefinition;
import org.diego.core.model.VolumeMount;
import org.junit.jupiter.api.Test;

/** The tasks row: the definition is one JSON column, so every field of it persists without a migration. */
class TaskEntityTest {
    static final TaskDefinition FULL = full();

    static TaskDefinition full() {
        Map<String, MetricTagValue> tags = new LinkedHashMap<>();
        tags.put("source_id", MetricTagValue.ofStatic("app-1"));
        tags.put("index", MetricTagValue.ofDynamic(MetricTagValue.DynamicValue.INDEX));
        return TaskDefinition.builder()
                .rootfs("preloaded:cflinuxfs4").env(List.of(new EnvironmentVariable("A", "1")))
                .action(new Action(new RunAction("/bin/migrate", List.of("--all"), null, null, "vcap")))
                .diskMb(1024).memoryMb(512).cpuWeight(25).privileged(true).logSource("TASK").logGuid("app-1")
                .metricsGuid("app-1").resultFile("/tmp/result").completionCallbackUrl("https://cc/done")
                .annotation("note")
                .egressRules(List.of(
                        new SecurityGroupRule("tcp", List.of("10.0.0.0/8"), List.of(443), null, null, true,
                                List.of("security_group_id:1")),
                        new SecurityGroupRule("icmp", List.of("0.0.0.0/0"), null, null,
                                new SecurityGroupRule.IcmpInfo(8, 0), false, null),
                        new SecurityGroupRule("udp", List.of("10.1.1.1-10.1.1.9"), null,
                                new SecurityGroupRule.PortRange(53, 54), null, false, null)))
                .cachedDependencies(List.of(new CachedDependency("bp", "http://fs/bp.zip", "/tmp/bp", "bp", "STG",
                        "sha256", "c1")))
                .legacyDownloadUser("vcap").trustedSystemCertificatesPath("/etc/cf-system-certificates")
                .volumeMounts(List.of(
                        new VolumeMount("nfsdriver", "/data", "rw", new VolumeMount.SharedDevice("vol-1", "{}"), null),
                        new VolumeMount("smbdriver", "/share", "r", null,
                                new VolumeMount.DedicatedDevice("m-1", "{}", "{}"))))
                .network(new Network(Map.of("policy_group_id", "app-1")))
                .placementTags(List.of("isolated")).maxPids(1024)
                .certificateProperties(new CertificateProperties(List.of("app:app-1")))
                .imageUsername("user").imagePassword("secret")
                .imageLayers(List.of(new ImageLayer("app", "http://fs/app.tgz", "/app", ImageLayer.Type.EXCLUSIVE,
                        ImageLayer.MediaType.TGZ, ImageLayer.DigestAlgorithm.SHA256, "d1")))
                .logRateLimit(new LogRateLimit(4096)).metricTags(tags)
                .volumeMountedFiles(List.of(new File("/etc/cf-service-bindings/db/uri", "postgres://x")))
                .build().validate();
    }

    static String definitionColumn(TaskEntity row) throws Exception {
        Field f = TaskEntity.class.getDeclaredField("taskDefinition");
        f.setAccessible(true);
        return (String) f.get(row);
    }

    static void setDefinitionColumn(TaskEntity row, String json) throws Exception {
        Field f = TaskEntity.class.getDeclaredField("taskDefinition");
        f.setAccessible(true);
        f.set(row, json);
    }

    @Test
    void aRowReadsBackAsTheSameTaskWithEveryDefinitionField() throws Exception {
        Task task = Task.pending(FULL, "t-1", "cf-tasks", 10).start("cell-1", 11);
        TaskEntity row = TaskEntity.of(task);
        assertEquals(task, row.toModel());
        assertEquals(FULL, Json.read(definitionColumn(row), TaskDefinition.class));

        JsonNode stored = Json.readTree(definitionColumn(row));
        List<String> keys = new ArrayList<>();
        stored.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("rootfs", "env", "action", "disk_mb", "memory_mb", "cpu_weight", "privileged",
                "log_source", "log_guid", "metrics_guid", "result_file", "completion_callback_url", "annotation",
                "egress_rules", "cached_dependencies", "legacy_download_user", "trusted_system_certificates_path",
                "volume_mounts", "network", "placement_tags", "max_pids", "certificate_properties",
                "image_username", "image_password", "image_layers", "log_rate_limit", "metric_tags",
                "volume_mounted_files"), keys);
    }

    @Test
    void transitionsKeepTheDefinition() throws Exception {
        Task task = Task.pending(FULL, "t-1", "cf-tasks", 10);
        TaskEntity row = TaskEntity.of(task);
        String definition = definitionColumn(row);
        Task done = task.start("cell-1", 11).complete("cell-1", false, "", "ok", 12);
        row.update(done);
        assertEquals(definition, definitionColumn(row));
        assertEquals(done, row.toModel());
    }

    @Test
    void aRowWrittenBeforeTheNewFieldsReadsThemAsEmpty() throws Exception {
        TaskDefinition plain = new TaskDefinition("preloaded:cflinuxfs4", null,
                new Action(new RunAction("/bin/true", null, null, null, "vcap")), 0, 0, 0, false, null, null, null,
                null, null, null, null, null, 0, null, null);
        TaskEntity row = TaskEntity.of(Task.pending(plain, "t-2", "cf-tasks", 1));
        setDefinitionColumn(row, "{\"rootfs\":\"preloaded:cflinuxfs4\",\"action\":{\"run\":{\"path\":\"/bin/true\","
                + "\"user\":\"vcap\"}},\"disk_mb\":0,\"memory_mb\":0,\"cpu_weight\":0,\"privileged\":false,"
                + "\"log_source\":\"\",\"log_guid\":\"\",\"metrics_guid\":\"\",\"result_file\":\"\",\"max_pids\":0,"
                + "\"image_username\":\"\",\"image_password\":\"\"}");
        TaskDefinition read = row.toModel().taskDefinition();
        assertEquals(plain.action().run().path(), read.action().run().path());
        assertEquals(List.of(), read.egressRules());
        assertEquals(List.of(), read.volumeMounts());
        assertEquals(Map.of(), read.metricTags());
        assertEquals("", read.trustedSystemCertificatesPath());
        assertNull(read.network());
        assertNull(read.logRateLimit());
        assertEquals(List.of(), read.volumePlacement().driverNames());
    }
}
