package org.diego.core.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.diego.core.json.Json;
import org.junit.jupiter.api.Test;

/** Diego's storage split and read forms: scheduling info, run info, routing info, .r2 and metrics guid. */
class DesiredLrpSplitTest {
    static final ObjectMapper TREE = new ObjectMapper();

    static Set<String> topLevelKeys(Object value) throws Exception {
        Set<String> keys = new TreeSet<>();
        TREE.readTree(Json.write(value)).fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void schedulingAndRunInfoJoinBackIntoTheSameLrp() {
        DesiredLrp full = Fields.full();
        DesiredLrpSchedulingInfo s = Json.read(Json.write(full.schedulingInfo()), DesiredLrpSchedulingInfo.class);
        DesiredLrpRunInfo r = Json.read(Json.write(full.runInfo(42)), DesiredLrpRunInfo.class);
        assertEquals(full, DesiredLrp.of(s, r, full.metricTags(), full.updateStrategy()));
        assertEquals(42, r.createdAt());
    }

    @Test
    void schedulingInfoJsonIsFlatLikeDiegos() throws Exception {
        DesiredLrpSchedulingInfo s = Fields.full().schedulingInfo();
        assertEquals(Set.of("process_guid", "domain", "log_guid", "annotation", "instances", "memory_mb", "disk_mb",
                "rootfs", "max_pids", "routes", "epoch", "index", "volume_placement", "placement_tags"),
                topLevelKeys(s));
        assertEquals(List.of("nfsdriver"), s.volumePlacement().driverNames());
        assertAll(
                () -> assertEquals("web-app-1_v2", s.processGuid()),
                () -> assertEquals("app-guid", s.logGuid()),
                () -> assertEquals(512, s.memoryMb()),
                () -> assertEquals(1024, s.maxPids()),
                () -> assertEquals(new ModificationTag("ep-1", 7), s.modificationTag()));
        assertSame(s, s.validate());
    }

    @Test
    void runInfoCarriesTheRecipeAndTheKeyButNoSchedulingFields() throws Exception {
        Set<String> keys = topLevelKeys(Fields.full().runInfo(1));
        assertTrue(keys.containsAll(Set.of("process_guid", "domain", "log_guid", "env", "setup", "action", "monitor",
                "privileged", "cpu_weight", "ports", "egress_rules", "log_source", "metrics_guid", "created_at",
                "cached_dependencies", "legacy_download_user", "trusted_system_certificates_path", "volume_mounts",
                "network", "start_timeout_ms", "certificate_properties", "image_username", "image_password",
                "check_definition", "image_layers", "sidecars", "log_rate_limit", "volume_mounted_files")), keys.toString());
        for (String scheduling : List.of("instances", "memory_mb", "disk_mb", "rootfs", "routes", "annotation",
                "placement_tags", "metric_tags", "modification_tag")) {
            assertFalse(keys.contains(scheduling), scheduling);
        }
    }

    @Test
    void aPreV4RunInfoBlobIsStillReadable() {
        // Before V4 the whole DesiredLRP was stored as run_info; it reads as a run info, extra fields ignored.
        String old = """
                {"process_guid":"p","domain":"d","rootfs":"preloaded:cflinuxfs4","instances":2,"memory_mb":64,
                 "disk_mb":64,"max_pids":0,"env":[{"name":"A","value":"1"}],
                 "action":{"run":{"path":"/bin/sh","args":["-c","sleep 1"],"env":[]}},"start_timeout_ms":0,
                 "ports":[8080],"placement_tags":[],"annotation":"x"}
                """;
        DesiredLrpRunInfo r = Json.read(old, DesiredLrpRunInfo.class);
        assertEquals("/bin/sh", r.action().run().path());
        assertEquals(List.of(new EnvironmentVariable("A", "1")), r.env());
        assertEquals(List.of(8080), r.ports());
        assertEquals("p", r.desiredLrpKey().processGuid());
    }

    @Test
    void routingInfoHoldsOnlyWhatTheRouteEmitterReads() {
        DesiredLrp full = Fields.full();
        DesiredLrp routing = full.routingInfo();
        assertEquals(DesiredLrp.builder().processGuid(full.processGuid()).domain(full.domain())
                .logGuid(full.logGuid()).instances(3).routes(full.routes()).modificationTag(full.modificationTag())
                .metricTags(full.metricTags()).build(), routing);
        assertEquals(null, routing.action());
    }

    @Test
    void updateStrategyTravelsAsDiegosNumber() {
        String json = Json.write(Fields.full());
        assertTrue(json.contains("\"update_strategy\":1"), json);
        assertEquals(UpdateStrategy.ROLLING, DesiredLrp.builder().build().updateStrategy());
        assertEquals(UpdateStrategy.RECREATE, Fields.full().updateStrategy());
    }

    @Test
    void theFullLrpRoundTripsThroughJson() {
        DesiredLrp full = Fields.full();
        assertEquals(full, Json.read(Json.write(full), DesiredLrp.class));
    }

    @Test
    void routesKeepTheirRawJson() throws Exception {
        DesiredLrp full = Fields.full();
        JsonNode cf = full.routes().get("cf-router");
        assertEquals(TREE.readTree("[{\"hostnames\":[\"app.example.com\"],\"port\":8080}]"), cf);
        assertTrue(Json.write(full).contains("\"routes\":{\"cf-router\":[{\"hostnames\":[\"app.example.com\"],"
                + "\"port\":8080}],\"diego-ssh\":{\"container_port\":2222,\"private_key\":\"key\"}}"));
    }

    @Test
    void r2ReadsTurnImageLayersIntoDownloads() {
        DesiredLrp full = Fields.full();
        DesiredLrp r2 = full.versionDownToV2();
        assertEquals(List.of(), r2.imageLayers());
        CachedDependency shared = r2.cachedDependencies().get(0);
        assertEquals(new CachedDependency("jdk", "http://fs/jdk.tgz", "/jdk", "sha256:d1", null, "sha256", "d1"),
                shared);
        assertEquals(full.cachedDependencies().get(0), r2.cachedDependencies().get(1), "the LRP's own come after");
        SerialAction setup = r2.setup().serial();
        DownloadAction exclusive = setup.actions().get(0).parallel().actions().get(0).download();
        assertEquals(new DownloadAction("app", "http://fs/app.tgz", "/app", "sha256:d2", null, "vcap", "sha256", "d2"),
                exclusive);
        assertEquals(full.setup(), setup.actions().get(1), "the original setup runs after the downloads");
        assertSame(r2, r2.versionDownToV2(), "no layers, nothing to do");
    }

    @Test
    void r2WithoutASetupMakesTheDownloadsTheSetup() {
        DesiredLrp lrp = Fields.lrp(b -> b.setup(null).imageLayers(List.of(new ImageLayer("app", "http://a", "/a",
                ImageLayer.Type.EXCLUSIVE, ImageLayer.MediaType.TAR, ImageLayer.DigestAlgorithm.SHA512, "d"))));
        assertEquals("sha512:d", lrp.versionDownToV2().setup().parallel().actions().get(0).download().cacheKey());
    }

    @Test
    void metricsGuidAndSourceIdFillEachOtherOnRead() {
        DesiredLrp fromTag = Fields.lrp(b -> b.metricsGuid("").metricTags(Map.of("source_id",
                MetricTagValue.ofStatic("sid")))).populateMetricsGuid();
        assertEquals("sid", fromTag.metricsGuid());
        DesiredLrp fromGuid = Fields.lrp(b -> b.metricsGuid("mg").metricTags(Map.of())).populateMetricsGuid();
        assertEquals(MetricTagValue.ofStatic("mg"), fromGuid.metricTags().get("source_id"));
        DesiredLrp neither = Fields.lrp(b -> b.metricsGuid("").metricTags(Map.of()));
        assertSame(neither, neither.populateMetricsGuid());
    }
}
