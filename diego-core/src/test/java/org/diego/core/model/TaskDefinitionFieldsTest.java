package org.diego.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.diego.core.json.Json;
import org.diego.core.messages.TaskAuctionRequest;
import org.junit.jupiter.api.Test;

/** Every field of Diego's TaskDefinition, by Diego's JSON name, through JSON and the builder. */
class TaskDefinitionFieldsTest {
    /** Diego's TaskDefinition JSON names, in the message's field order (task.proto, 1 to 28). */
    static final List<String> DIEGO_NAMES = List.of("rootfs", "env", "action", "disk_mb", "memory_mb", "cpu_weight",
            "privileged", "log_source", "log_guid", "metrics_guid", "result_file", "completion_callback_url",
            "annotation", "egress_rules", "cached_dependencies", "legacy_download_user",
            "trusted_system_certificates_path", "volume_mounts", "network", "placement_tags", "max_pids",
            "certificate_properties", "image_username", "image_password", "image_layers", "log_rate_limit",
            "metric_tags", "volume_mounted_files");

    @Test
    void theFullDefinitionWritesEveryDiegoFieldInOrder() {
        List<String> keys = new ArrayList<>();
        Json.tree(TaskSamples.full()).fieldNames().forEachRemaining(keys::add);
        assertEquals(DIEGO_NAMES, keys);
    }

    @Test
    void theFullDefinitionReadsEveryField() {
        TaskDefinition d = TaskSamples.full();
        assertEquals(4, d.egressRules().size());
        assertEquals(new SecurityGroupRule.IcmpInfo(8, 0), d.egressRules().get(1).icmpInfo());
        assertEquals("sha256", d.cachedDependencies().get(0).checksumAlgorithm());
        assertEquals("/etc/cf-system-certificates", d.trustedSystemCertificatesPath());
        assertEquals("m-1", d.volumeMounts().get(1).dedicated().mounterId());
        assertEquals("app-guid", d.network().properties().get("policy_group_id"));
        assertEquals(List.of("organization:o", "space:s", "app:app-guid"),
                d.certificateProperties().organizationalUnit());
        assertEquals(ImageLayer.DigestAlgorithm.SHA512, d.imageLayers().get(1).digestAlgorithm());
        assertEquals(new LogRateLimit(4096), d.logRateLimit());
        assertEquals(MetricTagValue.ofDynamic(MetricTagValue.DynamicValue.INSTANCE_GUID), d.metricTags().get("instance"));
        assertEquals(List.of(new File("/etc/cf-service-bindings/db/uri", "postgres://x")), d.volumeMountedFiles());
    }

    @Test
    void definitionAndTaskRoundTripThroughJson() {
        TaskDefinition full = TaskSamples.full();
        assertEquals(full, Json.read(Json.write(full), TaskDefinition.class));
        Task task = Task.pending(full, "t-1", "cf-tasks", 5).start("cell-1", 6);
        String json = Json.write(task);
        assertEquals(task, Json.read(json, Task.class));
        JsonNode tree = Json.readTree(json);
        for (String name : DIEGO_NAMES) {
            assertFalse(tree.path(name).isMissingNode(), name + " not at the top level of " + json);
        }
    }

    @Test
    void theBuilderCopiesEveryField() {
        TaskDefinition full = TaskSamples.full();
        assertEquals(full, full.toBuilder().build());
        assertEquals(List.of(), TaskDefinition.builder().build().volumeMounts());
    }

    @Test
    void theShortConstructorLeavesTheSharedSubModelsOut() {
        TaskDefinition shortForm = TaskSamples.definition("http://cb");
        assertEquals(TaskDefinition.builder().rootfs("preloaded:cflinuxfs4")
                .env(List.of(new EnvironmentVariable("A", "1"))).action(shortForm.action()).diskMb(64).memoryMb(128)
                .cpuWeight(10).logSource("TASK").logGuid("log-guid").resultFile("/tmp/result")
                .completionCallbackUrl("http://cb").annotation("note").placementTags(List.of("blue")).maxPids(100)
                .build(), shortForm);
        assertEquals(List.of(), shortForm.egressRules());
        assertEquals(Map.of(), shortForm.metricTags());
        assertEquals("", shortForm.trustedSystemCertificatesPath());
        assertNull(shortForm.network());
        assertNull(shortForm.certificateProperties());
        assertNull(shortForm.logRateLimit());
    }

    @Test
    void volumeDriversReachTheAuction() {
        Task task = Task.pending(TaskSamples.full(), "t-1", "cf-tasks", 5);
        assertEquals(List.of("nfsdriver", "smbdriver"), task.taskDefinition().volumePlacement().driverNames());
        assertEquals(List.of("nfsdriver", "smbdriver"), TaskAuctionRequest.of(task).volumeDrivers());
        assertEquals(List.of("nfsdriver", "smbdriver"), TaskAuctionRequest.of(task).toAuction().volumeDrivers());
        TaskAuctionRequest sent = TaskAuctionRequest.of(task);
        assertEquals(sent, Json.read(Json.write(sent), TaskAuctionRequest.class));
        assertEquals(List.of(), TaskAuctionRequest.of(TaskSamples.in(TaskState.Pending)).volumeDrivers());
    }
}
