package org.diego.core.model;

import static org.diego.core.model.Fields.assertInvalid;
import static org.diego.core.model.Fields.lrp;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Diego's DesiredLRP.Validate and DesiredLRPRunInfo.Validate rules beyond the basics in DesiredLrpTest. */
class DesiredLrpRulesTest {

    @Test
    void anLrpWithEveryFieldSetIsValid() {
        DesiredLrp full = Fields.full();
        assertSame(full, full.validate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cflinuxfs4", "/var/rootfs", "1abc:x", ":nothing", "preloaded:cf\nlinux"})
    void rootfsMustBeAUrlWithAScheme(String rootfs) {
        assertInvalid("rootfs", () -> lrp(b -> b.rootfs(rootfs)).validate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"preloaded:cflinuxfs4", "docker:///cloudfoundry/grace", "preloaded+layer:cflinuxfs4?x=1",
            "docker://registry.example.com:5000/app#v1"})
    void rootfsUrlsWithASchemePass(String rootfs) {
        assertDoesNotThrow(() -> lrp(b -> b.rootfs(rootfs)).validate());
    }

    @Test
    void cpuWeightHasNoUpperLimitButIsUnsigned() {
        // Diego dropped its cpu_weight <= 100 check (bbs 6d10e764); the wire type is uint32.
        assertDoesNotThrow(() -> lrp(b -> b.cpuWeight(10_000)).validate());
        assertInvalid("cpu_weight", () -> lrp(b -> b.cpuWeight(-1)).validate());
    }

    @Test
    void logRateLimitIsMinusOneOrMore() {
        assertDoesNotThrow(() -> lrp(b -> b.logRateLimit(new LogRateLimit(-1))).validate());
        assertDoesNotThrow(() -> lrp(b -> b.logRateLimit(new LogRateLimit(0))).validate());
        assertInvalid("log_rate_limit", () -> lrp(b -> b.logRateLimit(new LogRateLimit(-2))).validate());
    }

    @Test
    void routesAreLimitedTo128KiBOfJsonInTotal() {
        // Each value is a JSON string: its text is the content plus two quotes.
        Map<String, com.fasterxml.jackson.databind.JsonNode> exactly = new LinkedHashMap<>();
        exactly.put("a", TextNode.valueOf("x".repeat(64 * 1024 - 2)));
        exactly.put("b", TextNode.valueOf("y".repeat(64 * 1024 - 2)));
        assertEquals(128 * 1024, new Routes(exactly).jsonBytes());
        assertDoesNotThrow(() -> lrp(b -> b.routes(new Routes(exactly))).validate());

        exactly.put("c", JsonNodeFactory.instance.numberNode(1));
        assertInvalid("routes", () -> lrp(b -> b.routes(new Routes(exactly))).validate());
    }

    @Test
    void metricTagsAreEachStaticOrDynamic() {
        assertInvalid("metric_tags.bad", () -> lrp(b -> b.metricsGuid("").metricTags(
                Map.of("bad", new MetricTagValue("x", MetricTagValue.DynamicValue.INDEX)))).validate());
        assertInvalid("metric_tags.empty", () -> lrp(b -> b.metricsGuid("").metricTags(
                Map.of("empty", new MetricTagValue("", null)))).validate());
        assertInvalid("metric_tags.unknown", () -> lrp(b -> b.metricsGuid("").metricTags(
                Map.of("unknown", new MetricTagValue(null, MetricTagValue.DynamicValue.DynamicValueInvalid))))
                .validate());
        Map<String, MetricTagValue> withNull = new LinkedHashMap<>();
        withNull.put("gone", null);
        assertInvalid("metric_tags.gone", () -> lrp(b -> b.metricsGuid("").metricTags(withNull)).validate());
    }

    @Test
    void sourceIdMustMatchMetricsGuidWhenBothAreGiven() {
        assertInvalid("metric_tags.source_id", () -> lrp(b -> b.metricsGuid("guid-a").metricTags(
                Map.of("source_id", MetricTagValue.ofStatic("guid-b")))).validate());
        assertInvalid("metric_tags.source_id", () -> lrp(b -> b.metricsGuid("guid-a").metricTags(
                Map.of("other", MetricTagValue.ofStatic("x")))).validate());
        assertDoesNotThrow(() -> lrp(b -> b.metricsGuid("").metricTags(
                Map.of("source_id", MetricTagValue.ofStatic("guid-b")))).validate());
        assertDoesNotThrow(() -> lrp(b -> b.metricsGuid("guid-a").metricTags(Map.of())).validate());
    }

    @Test
    void absentMetricTagsAreAccepted() {
        // Diego refuses a nil metric_tags map; this project accepts it so that minimal clients work.
        assertDoesNotThrow(() -> lrp(b -> b.metricTags(null).metricsGuid(null)).validate());
    }

    @Test
    void setupMonitorAndSidecarActionsAreValidated() {
        Action bad = Action.of(new RunAction("", null, null, null, null));
        assertInvalid("setup.run.path", () -> lrp(b -> b.setup(bad)).validate());
        assertInvalid("monitor.run.path", () -> lrp(b -> b.monitor(bad)).validate());
        assertInvalid("sidecars[0].action.run.path", () -> lrp(b -> b.sidecars(List.of(new Sidecar(bad, 1, 1))))
                .validate());
        assertInvalid("sidecars[0].action", () -> lrp(b -> b.sidecars(List.of(new Sidecar(null, 1, 1)))).validate());
        assertInvalid("sidecars[0].memory_mb", () -> lrp(b -> b.sidecars(List.of(new Sidecar(Fields.run(), 1, -1))))
                .validate());
        assertInvalid("sidecars[0].disk_mb", () -> lrp(b -> b.sidecars(List.of(new Sidecar(Fields.run(), -1, 1))))
                .validate());
    }

    @Test
    void cachedDependenciesNeedFromAndToAndAValidChecksum() {
        assertInvalid("cached_dependencies[0].from", () -> lrp(b -> b.cachedDependencies(List.of(
                new CachedDependency("n", "", "/to", "k", null, null, null)))).validate());
        assertInvalid("cached_dependencies[0].to", () -> lrp(b -> b.cachedDependencies(List.of(
                new CachedDependency("n", "http://x", null, "k", null, null, null)))).validate());
        assertInvalid("cached_dependencies[0].checksum_algorithm", () -> lrp(b -> b.cachedDependencies(List.of(
                new CachedDependency("n", "http://x", "/to", "k", null, "sha512", "v")))).validate());
        assertInvalid("cached_dependencies[0].checksum_value", () -> lrp(b -> b.cachedDependencies(List.of(
                new CachedDependency("n", "http://x", "/to", "k", null, "md5", "")))).validate());
    }

    @Test
    void imageLayersFollowDiegosRules() {
        ImageLayer shared = new ImageLayer("n", "http://x", "/d", ImageLayer.Type.SHARED, ImageLayer.MediaType.TGZ,
                null, null);
        assertDoesNotThrow(() -> lrp(b -> b.imageLayers(List.of(shared))).validate());
        assertInvalid("image_layers[0].url", () -> layer(new ImageLayer("n", "", "/d", ImageLayer.Type.SHARED,
                ImageLayer.MediaType.TGZ, null, null)));
        assertInvalid("image_layers[0].destination_path", () -> layer(new ImageLayer("n", "http://x", null,
                ImageLayer.Type.SHARED, ImageLayer.MediaType.TGZ, null, null)));
        assertInvalid("image_layers[0].layer_type", () -> layer(new ImageLayer("n", "http://x", "/d",
                ImageLayer.Type.LayerTypeInvalid, ImageLayer.MediaType.TGZ, null, null)));
        assertInvalid("image_layers[0].media_type", () -> layer(new ImageLayer("n", "http://x", "/d",
                ImageLayer.Type.SHARED, null, null, null)));
        assertInvalid("image_layers[0].digest_algorithm", () -> layer(new ImageLayer("n", "http://x", "/d",
                ImageLayer.Type.SHARED, ImageLayer.MediaType.TAR, null, "abc")));
        assertInvalid("image_layers[0].digest_value", () -> layer(new ImageLayer("n", "http://x", "/d",
                ImageLayer.Type.SHARED, ImageLayer.MediaType.ZIP, ImageLayer.DigestAlgorithm.SHA512, "")));
        assertInvalid("image_layers[0].digest_algorithm", () -> layer(new ImageLayer("n", "http://x", "/d",
                ImageLayer.Type.EXCLUSIVE, ImageLayer.MediaType.TGZ, null, null)));
    }

    @Test
    void anExclusiveLayerNeedsALegacyDownloadUser() {
        ImageLayer exclusive = new ImageLayer("n", "http://x", "/d", ImageLayer.Type.EXCLUSIVE,
                ImageLayer.MediaType.TGZ, ImageLayer.DigestAlgorithm.SHA256, "abc");
        assertInvalid("legacy_download_user", () -> lrp(b -> b.imageLayers(List.of(exclusive))
                .legacyDownloadUser("")).validate());
        assertDoesNotThrow(() -> lrp(b -> b.imageLayers(List.of(exclusive)).legacyDownloadUser("vcap")).validate());
    }

    private static void layer(ImageLayer layer) {
        lrp(b -> b.imageLayers(List.of(layer))).validate();
    }

    @Test
    void volumeMountsNeedADriverAModeAndDeviceIds() {
        assertInvalid("volume_mounts[0].driver", () -> mount(new VolumeMount("", "/d", "r", null, null)));
        assertInvalid("volume_mounts[0].mode", () -> mount(new VolumeMount("nfs", "/d", "w", null, null)));
        assertInvalid("volume_mounts[0].shared.volume_id", () -> mount(new VolumeMount("nfs", "/d", "rw",
                new VolumeMount.SharedDevice("", "{}"), null)));
        assertInvalid("volume_mounts[0].dedicated.mounter_id", () -> mount(new VolumeMount("nfs", "/d", "r", null,
                new VolumeMount.DedicatedDevice(null, "{}", "{}"))));
    }

    private static void mount(VolumeMount mount) {
        lrp(b -> b.volumeMounts(List.of(mount))).validate();
    }

    @Test
    void imageCredentialsComeTogether() {
        assertInvalid("image_password", () -> lrp(b -> b.imageUsername("u").imagePassword("")).validate());
        assertInvalid("image_username", () -> lrp(b -> b.imageUsername(null).imagePassword("p")).validate());
        assertDoesNotThrow(() -> lrp(b -> b.imageUsername("").imagePassword(null)).validate());
    }

    @Test
    void checksNeedExactlyOneKindAndAPort() {
        assertInvalid("check_definition.checks[0]", () -> checks(List.of(new Check(null, null)), List.of()));
        assertInvalid("check_definition.checks[0]", () -> checks(List.of(new Check(new TcpCheck(80, 0, 0),
                new HttpCheck(80, 0, "/", 0))), List.of()));
        assertInvalid("check_definition.checks[1].tcp_check.port", () -> checks(List.of(
                new Check(new TcpCheck(80, 0, 0), null), new Check(new TcpCheck(0, 0, 0), null)), List.of()));
        assertInvalid("check_definition.readiness_checks[0].http_check.port", () -> checks(List.of(),
                List.of(new Check(null, new HttpCheck(65536, 0, "/", 0)))));
        assertInvalid("check_definition.checks[0].http_check.interval_ms", () -> checks(List.of(
                new Check(null, new HttpCheck(8080, 0, "/", -1))), List.of()));
    }

    private static void checks(List<Check> checks, List<Check> readiness) {
        lrp(b -> b.checkDefinition(new CheckDefinition(checks, "HEALTH", readiness))).validate();
    }

    @Test
    void volumeMountedFilesAreLimitedTo1MiBOfContent() {
        List<File> files = new ArrayList<>(List.of(new File("/a", "x".repeat(512 * 1024)),
                new File("/b", "y".repeat(512 * 1024))));
        assertDoesNotThrow(() -> lrp(b -> b.volumeMountedFiles(files)).validate());
        files.add(new File("/c", "z"));
        assertInvalid("volume_mounted_files", () -> lrp(b -> b.volumeMountedFiles(files)).validate());
    }

    @Test
    void egressRulesAreNamedByIndex() {
        SecurityGroupRule good = new SecurityGroupRule("all", List.of("0.0.0.0/0"), null, null, null, false, null);
        SecurityGroupRule bad = new SecurityGroupRule("sctp", List.of("0.0.0.0/0"), null, null, null, false, null);
        assertInvalid("egress_rules[1].protocol", () -> lrp(b -> b.egressRules(List.of(good, bad))).validate());
    }
}
