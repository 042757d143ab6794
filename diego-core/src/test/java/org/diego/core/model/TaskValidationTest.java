package org.diego.core.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Diego's Task.Validate and TaskDefinition.Validate: each bad field is refused by name. */
class TaskValidationTest {
    static final TaskDefinition OK = TaskSamples.definition();

    /** A copy of {@link #OK} with one component replaced, by component name. */
    static TaskDefinition with(String component, Object value) {
        var components = TaskDefinition.class.getRecordComponents();
        Object[] args = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                args[i] = components[i].getName().equals(component) ? value : components[i].getAccessor().invoke(OK);
            }
            var types = Arrays.stream(components).map(c -> c.getType()).toArray(Class<?>[]::new);
            return TaskDefinition.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static Stream<Arguments> badDefinitions() {
        return Stream.of(
                Arguments.of("rootfs", with("rootfs", "")),
                Arguments.of("rootfs", with("rootfs", "cflinuxfs4")),
                Arguments.of("rootfs", with("rootfs", ":cflinuxfs4")),
                Arguments.of("rootfs", with("rootfs", "1preloaded:x")),
                Arguments.of("action", with("action", null)),
                Arguments.of("action", with("action", new Action(null))),
                Arguments.of("action.run.path", with("action", new Action(new RunAction("", null, null, null, null)))),
                Arguments.of("env[0].name", with("env", List.of(new EnvironmentVariable("", "v")))),
                Arguments.of("memory_mb", with("memoryMb", -1)),
                Arguments.of("disk_mb", with("diskMb", -1)),
                Arguments.of("cpu_weight", with("cpuWeight", -1)),
                Arguments.of("max_pids", with("maxPids", -1)),
                Arguments.of("annotation", with("annotation", "a".repeat(10 * 1024 + 1))),
                Arguments.of("annotation", with("annotation", "\u00e9".repeat(5 * 1024 + 1))),
                Arguments.of("image_username", with("imagePassword", "secret")),
                Arguments.of("image_password", with("imageUsername", "me")));
    }

    static final ImageLayer SHARED_LAYER = new ImageLayer("n", "http://x", "/d", ImageLayer.Type.SHARED,
            ImageLayer.MediaType.TGZ, null, null);
    static final ImageLayer EXCLUSIVE_LAYER = new ImageLayer("n", "http://x", "/d", ImageLayer.Type.EXCLUSIVE,
            ImageLayer.MediaType.TGZ, ImageLayer.DigestAlgorithm.SHA256, "abc");

    /** The shared sub-models, each checked as DesiredLrp checks it. */
    static Stream<Arguments> badSharedFields() {
        SecurityGroupRule all = new SecurityGroupRule("all", List.of("0.0.0.0/0"), null, null, null, false, null);
        Map<String, MetricTagValue> nullTag = new LinkedHashMap<>();
        nullTag.put("gone", null);
        return Stream.of(
                Arguments.of("log_rate_limit", with("logRateLimit", new LogRateLimit(-2))),
                Arguments.of("egress_rules[1].protocol", with("egressRules", List.of(all,
                        new SecurityGroupRule("sctp", List.of("0.0.0.0/0"), null, null, null, false, null)))),
                Arguments.of("egress_rules[0].destinations", with("egressRules", List.of(
                        new SecurityGroupRule("all", List.of(), null, null, null, false, null)))),
                Arguments.of("egress_rules[0].destinations[0]", with("egressRules", List.of(
                        new SecurityGroupRule("all", List.of("not-an-ip"), null, null, null, false, null)))),
                Arguments.of("egress_rules[0].ports", with("egressRules", List.of(
                        new SecurityGroupRule("tcp", List.of("10.0.0.1"), null, null, null, false, null)))),
                Arguments.of("egress_rules[0].icmp_info", with("egressRules", List.of(
                        new SecurityGroupRule("icmp", List.of("10.0.0.1"), null, null, null, false, null)))),
                Arguments.of("cached_dependencies[0].from", with("cachedDependencies", List.of(
                        new CachedDependency("n", "", "/to", "k", null, null, null)))),
                Arguments.of("cached_dependencies[0].to", with("cachedDependencies", List.of(
                        new CachedDependency("n", "http://x", null, "k", null, null, null)))),
                Arguments.of("cached_dependencies[0].checksum_algorithm", with("cachedDependencies", List.of(
                        new CachedDependency("n", "http://x", "/to", "k", null, "sha512", "v")))),
                Arguments.of("cached_dependencies[0].checksum_value", with("cachedDependencies", List.of(
                        new CachedDependency("n", "http://x", "/to", "k", null, "md5", "")))),
                Arguments.of("image_layers[1].url", with("imageLayers", List.of(SHARED_LAYER, new ImageLayer("n", "",
                        "/d", ImageLayer.Type.SHARED, ImageLayer.MediaType.TGZ, null, null)))),
                Arguments.of("image_layers[0].destination_path", with("imageLayers", List.of(new ImageLayer("n",
                        "http://x", null, ImageLayer.Type.SHARED, ImageLayer.MediaType.TGZ, null, null)))),
                Arguments.of("image_layers[0].layer_type", with("imageLayers", List.of(new ImageLayer("n",
                        "http://x", "/d", ImageLayer.Type.LayerTypeInvalid, ImageLayer.MediaType.TGZ, null, null)))),
                Arguments.of("image_layers[0].media_type", with("imageLayers", List.of(new ImageLayer("n",
                        "http://x", "/d", ImageLayer.Type.SHARED, null, null, null)))),
                Arguments.of("image_layers[0].digest_algorithm", with("imageLayers", List.of(new ImageLayer("n",
                        "http://x", "/d", ImageLayer.Type.EXCLUSIVE, ImageLayer.MediaType.TGZ, null, null)))),
                Arguments.of("image_layers[0].digest_value", with("imageLayers", List.of(new ImageLayer("n",
                        "http://x", "/d", ImageLayer.Type.SHARED, ImageLayer.MediaType.ZIP,
                        ImageLayer.DigestAlgorithm.SHA512, "")))),
                Arguments.of("legacy_download_user", with("imageLayers", List.of(EXCLUSIVE_LAYER))),
                Arguments.of("volume_mounts[0].driver", with("volumeMounts", List.of(
                        new VolumeMount("", "/d", "r", null, null)))),
                Arguments.of("volume_mounts[0].mode", with("volumeMounts", List.of(
                        new VolumeMount("nfs", "/d", "w", null, null)))),
                Arguments.of("volume_mounts[0].shared.volume_id", with("volumeMounts", List.of(
                        new VolumeMount("nfs", "/d", "rw", new VolumeMount.SharedDevice("", "{}"), null)))),
                Arguments.of("volume_mounts[0].dedicated.mounter_id", with("volumeMounts", List.of(
                        new VolumeMount("nfs", "/d", "r", null, new VolumeMount.DedicatedDevice(null, "{}", "{}"))))),
                Arguments.of("volume_mounted_files", with("volumeMountedFiles", List.of(
                        new File("/a", "x".repeat(1024 * 1024)), new File("/b", "y")))),
                Arguments.of("metric_tags.both", with("metricTags", Map.of("both",
                        new MetricTagValue("x", MetricTagValue.DynamicValue.INDEX)))),
                Arguments.of("metric_tags.neither", with("metricTags", Map.of("neither", new MetricTagValue("", null)))),
                Arguments.of("metric_tags.unknown", with("metricTags", Map.of("unknown",
                        MetricTagValue.ofDynamic(MetricTagValue.DynamicValue.DynamicValueInvalid)))),
                Arguments.of("metric_tags.gone", with("metricTags", nullTag)),
                Arguments.of("metric_tags.source_id", withMetrics("guid-a", Map.of("source_id",
                        MetricTagValue.ofStatic("guid-b")))),
                Arguments.of("metric_tags.source_id", withMetrics("guid-a", Map.of("other",
                        MetricTagValue.ofStatic("x")))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badSharedFields")
    void badSharedFieldIsNamed(String field, TaskDefinition def) {
        badDefinitionFieldIsNamed(field, def);
    }

    static TaskDefinition withMetrics(String metricsGuid, Map<String, MetricTagValue> tags) {
        return OK.toBuilder().metricsGuid(metricsGuid).metricTags(tags).build();
    }

    @Test
    void aDefinitionWithEveryFieldSetIsValid() {
        TaskDefinition full = TaskSamples.full();
        assertSame(full, full.validate());
        assertDoesNotThrow(() -> Task.pending(full, "g", "d", 0).validate());
    }

    @Test
    void theFirstBadFieldInDiegosOrderIsNamed() {
        TaskDefinition twoBad = OK.toBuilder().logRateLimit(new LogRateLimit(-5))
                .egressRules(List.of(new SecurityGroupRule("sctp", List.of("0.0.0.0/0"), null, null, null, false,
                        null))).build();
        assertEquals("log_rate_limit", assertThrows(ValidationException.class, twoBad::validate).field());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badDefinitions")
    void badDefinitionFieldIsNamed(String field, TaskDefinition def) {
        ValidationException e = assertThrows(ValidationException.class, def::validate);
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(ErrorType.InvalidRequest, e.type());
        assertEquals(field, assertThrows(ValidationException.class,
                () -> Task.pending(def, "g", "d", 0).validate()).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"preloaded:cflinuxfs4", "docker:///cloudfoundry/grace", "docker://index.io/x#1",
            "preloaded+layer:cflinuxfs4?layer=https://x/y.tgz"})
    void rootfsWithASchemeIsAccepted(String rootfs) {
        assertDoesNotThrow(() -> with("rootfs", rootfs).validate());
    }

    static Stream<Arguments> acceptedEdges() {
        return Stream.of(
                Arguments.of("no cpu_weight ceiling (Diego removed it)", with("cpuWeight", 1000)),
                Arguments.of("annotation of exactly 10 KiB", with("annotation", "a".repeat(10 * 1024))),
                Arguments.of("both image credentials", withBoth()),
                Arguments.of("zero resources", with("memoryMb", 0)),
                Arguments.of("unlimited log rate", with("logRateLimit", new LogRateLimit(-1))),
                Arguments.of("no log output", with("logRateLimit", new LogRateLimit(0))),
                Arguments.of("an exclusive layer with a legacy download user",
                        OK.toBuilder().imageLayers(List.of(SHARED_LAYER, EXCLUSIVE_LAYER)).legacyDownloadUser("vcap")
                                .build()),
                Arguments.of("volume mounted files of exactly 1 MiB", with("volumeMountedFiles", List.of(
                        new File("/a", "x".repeat(512 * 1024)), new File("/b", "y".repeat(512 * 1024))))),
                Arguments.of("a source_id tag and no metrics_guid", withMetrics("", Map.of("source_id",
                        MetricTagValue.ofStatic("guid-b")))),
                Arguments.of("a metrics_guid and no tags", withMetrics("guid-a", Map.of())),
                Arguments.of("a metrics_guid and its source_id tag", withMetrics("guid-a", Map.of("source_id",
                        MetricTagValue.ofStatic("guid-a"), "i", MetricTagValue.ofDynamic(
                                MetricTagValue.DynamicValue.INDEX)))),
                Arguments.of("a volume mount without a device", with("volumeMounts", List.of(
                        new VolumeMount("nfs", "/d", "rw", null, null)))),
                Arguments.of("network, certificate properties and trusted certificates are free-form",
                        OK.toBuilder().network(new Network(Map.of("", ""))).certificateProperties(
                                new CertificateProperties(List.of(""))).trustedSystemCertificatesPath("relative")
                                .build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedEdges")
    void edgesAreAccepted(String what, TaskDefinition def) {
        assertDoesNotThrow(def::validate);
    }

    private static TaskDefinition withBoth() {
        TaskDefinition u = with("imageUsername", "me");
        return new TaskDefinition(u.rootfs(), u.env(), u.action(), u.diskMb(), u.memoryMb(), u.cpuWeight(),
                u.privileged(), u.logSource(), u.logGuid(), u.metricsGuid(), u.resultFile(), u.completionCallbackUrl(),
                u.annotation(), u.legacyDownloadUser(), u.placementTags(), u.maxPids(), "me", "pw");
    }

    static Stream<Arguments> badTasks() {
        return Stream.of(
                Arguments.of("task_guid", task("", "d", OK)),
                Arguments.of("task_guid", task("bad guid!", "d", OK)),
                Arguments.of("task_guid", task("a/b", "d", OK)),
                Arguments.of("domain", task("g", "", OK)),
                Arguments.of("task_definition", task("g", "d", null)));
    }

    static Task task(String guid, String domain, TaskDefinition def) {
        return Task.pending(def, guid, domain, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTasks")
    void badTaskFieldIsNamed(String field, Task t) {
        assertEquals(field, assertThrows(ValidationException.class, t::validate).field());
    }
}
