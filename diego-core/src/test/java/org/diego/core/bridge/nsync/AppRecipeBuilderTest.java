package org.diego.core.bridge.nsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.diego.core.bridge.cc.CcHttpRoute;
import org.diego.core.bridge.cc.CcTcpRoute;
import org.diego.core.bridge.cc.CcVolumeMount;
import org.diego.core.bridge.cc.DesireAppRequestFromCC;
import org.diego.core.bridge.cc.RoutingInfo;
import org.diego.core.json.Json;
import org.diego.core.model.CachedDependency;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.DesiredLrpUpdate;
import org.diego.core.model.DownloadAction;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.Routes;
import org.diego.core.model.RunAction;
import org.diego.core.model.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The nsync recipe: CC's desire → a valid DesiredLRP with Diego's buildpack and docker recipes. */
class AppRecipeBuilderTest {
    static final RecipeSettings SETTINGS = new RecipeSettings("http://fs:8080/file-server/", false);
    final AppRecipeBuilder builder = new AppRecipeBuilder(SETTINGS);

    static DesireAppRequestFromCC.Builder buildpackApp() {
        return DesireAppRequestFromCC.builder().processGuid("app-v1").dropletUri("http://cc/droplets/app-v1")
                .dropletHash("sha").stack("cflinuxfs4").startCommand("./start").executionMetadata("{\"k\":1}")
                .environment(List.of(new EnvironmentVariable("FOO", "bar"))).memoryMb(256).diskMb(512)
                .numInstances(2).logGuid("app").etag("etag-1").healthCheckTimeoutInSeconds(30)
                .routingInfo(RoutingInfo.of(List.of(new CcHttpRoute("a.example.com", null, 0)), null));
    }

    static DesireAppRequestFromCC.Builder dockerApp() {
        return DesireAppRequestFromCC.builder().processGuid("dock-v1").dockerImage("busybox:1.36")
                .startCommand("httpd -f").executionMetadata("{\"user\":\"app\",\"ports\":[{\"Port\":8081,\"Protocol\":\"tcp\"}]}")
                .memoryMb(64).diskMb(64).numInstances(1).logGuid("dock").etag("e");
    }

    static RunAction launcher(DesiredLrp lrp) {
        return lrp.action().codependent().actions().get(0).run();
    }

    @Test
    void aBuildpackAppGetsDiegosRecipe() {
        DesiredLrp lrp = builder.build(buildpackApp().build());
        lrp.validate();
        assertEquals("app-v1", lrp.processGuid());
        assertEquals("cf-apps", lrp.domain());
        assertEquals("preloaded:cflinuxfs4", lrp.rootfs());
        assertEquals(2, lrp.instances());
        assertEquals(256, lrp.memoryMb());
        assertEquals(512, lrp.diskMb());
        assertEquals(3, lrp.cpuWeight());
        assertEquals(List.of(8080), lrp.ports());
        assertEquals("etag-1", lrp.annotation());
        assertEquals("CELL", lrp.logSource());
        assertEquals("app", lrp.logGuid());
        assertEquals("app", lrp.metricsGuid());
        assertEquals(30_000, lrp.startTimeoutMs());
        assertEquals(List.of(new EnvironmentVariable("LANG", "en_US.UTF-8")), lrp.env());
        assertEquals("/etc/cf-system-certificates", lrp.trustedSystemCertificatesPath());
        assertEquals(List.of(new CachedDependency("",
                "http://fs:8080/file-server/v1/static/buildpack_app_lifecycle/buildpack_app_lifecycle.tgz",
                "tmp/lifecycle", "buildpack-cflinuxfs4-lifecycle", "", null, null)), lrp.cachedDependencies());
        DownloadAction droplet = lrp.setup().serial().actions().get(0).download();
        assertEquals(new DownloadAction("", "http://cc/droplets/app-v1", ".", "droplets-app-v1", "", "vcap", "sha1", "sha"),
                droplet);
        RunAction run = launcher(lrp);
        assertEquals("tmp/lifecycle/launcher", run.path());
        assertEquals(List.of("app", "./start", "{\"k\":1}"), run.args());
        assertEquals("vcap", run.user());
        assertEquals("APP", run.logSource());
        assertEquals(1024L, run.resourceLimits().nofile());
        assertEquals(List.of(new EnvironmentVariable("FOO", "bar"), new EnvironmentVariable("PORT", "8080"),
                new EnvironmentVariable("VCAP_APP_PORT", "8080"), new EnvironmentVariable("VCAP_APP_HOST", "0.0.0.0")),
                run.env());
        assertEquals("[{\"hostnames\":[\"a.example.com\"],\"port\":8080}]", lrp.routes().get("cf-router").toString());
        assertEquals("[]", lrp.routes().get("tcp-router").toString());
        // Default health check type is port: a TCP check and the lifecycle's healthcheck monitor.
        assertEquals(8080, lrp.checkDefinition().checks().get(0).tcpCheck().port());
        RunAction monitor = lrp.monitor().timeout().action().parallel().actions().get(0).run();
        assertEquals("tmp/lifecycle/healthcheck", monitor.path());
        assertEquals(List.of("-port=8080"), monitor.args());
        assertEquals(600_000, lrp.monitor().timeout().timeoutMs());
    }

    @Test
    void theRecipeSurvivesTheJsonRoundTrip() {
        DesiredLrp lrp = builder.build(buildpackApp().build());
        assertEquals(lrp, Json.read(Json.write(lrp), DesiredLrp.class));
    }

    @Test
    void ccPortsFileDescriptorsLogSourceIsolationSegmentAndVolumesAreCarried() {
        DesiredLrp lrp = builder.build(buildpackApp().ports(List.of(9000, 9001)).fileDescriptors(4096)
                .logSource("APP/PROC/WEB").isolationSegment("iso")
                .volumeMounts(List.of(new CcVolumeMount("nfs", "/data", "rw", "shared",
                        new CcVolumeMount.Device("vol", Map.of("uid", "1"))))).build());
        assertEquals(List.of(9000, 9001), lrp.ports());
        RunAction run = launcher(lrp);
        assertEquals(4096L, run.resourceLimits().nofile());
        assertEquals("APP/PROC/WEB", run.logSource());
        assertTrue(run.env().contains(new EnvironmentVariable("PORT", "9000")));
        assertEquals(List.of("iso"), lrp.placementTags());
        assertEquals("vol", lrp.volumeMounts().get(0).shared().volumeId());
        assertEquals("{\"uid\":\"1\"}", lrp.volumeMounts().get(0).shared().mountConfig());
        assertEquals(2, lrp.checkDefinition().checks().size());
        assertEquals("[{\"hostnames\":[\"a.example.com\"],\"port\":9000}]", lrp.routes().get("cf-router").toString());
    }

    @Test
    void noDropletHashMeansNoChecksum() {
        DesiredLrp lrp = builder.build(buildpackApp().dropletHash("").build());
        DownloadAction d = lrp.setup().serial().actions().get(0).download();
        assertNull(d.checksumAlgorithm());
        assertNull(d.checksumValue());
    }

    @Test
    void aDockerAppGetsTheDockerRecipe() {
        DesiredLrp lrp = builder.build(dockerApp().dockerUser("u").dockerPassword("pw").build());
        lrp.validate();
        assertEquals("docker:///library/busybox#1.36", lrp.rootfs());
        assertEquals(List.of(8081), lrp.ports());
        assertNull(lrp.setup());
        assertEquals(List.of(), lrp.env());
        assertEquals("docker-lifecycle", lrp.cachedDependencies().get(0).cacheKey());
        assertTrue(lrp.cachedDependencies().get(0).from().endsWith("/v1/static/docker_app_lifecycle/docker_app_lifecycle.tgz"));
        RunAction run = launcher(lrp);
        assertEquals("app", run.user());
        assertEquals(List.of("app", "httpd -f",
                "{\"user\":\"app\",\"ports\":[{\"Port\":8081,\"Protocol\":\"tcp\"}]}"), run.args());
        assertEquals(List.of(new EnvironmentVariable("PORT", "8081")), run.env());
        assertEquals("u", lrp.imageUsername());
        assertEquals("pw", lrp.imagePassword());
        assertEquals("app", lrp.monitor().timeout().action().parallel().actions().get(0).run().user());
    }

    @Test
    void aDockerAppWithoutMetadataRunsAsRootOn8080() {
        DesiredLrp lrp = builder.build(dockerApp().executionMetadata("").build());
        assertEquals(List.of(8080), lrp.ports());
        assertEquals("root", launcher(lrp).user());
    }

    @ParameterizedTest(name = "type [{0}]")
    @CsvSource(delimiter = '|', value = {
            "port|| true| false",
            "''  || true| false",
            "http|/health| false| true",
            "process|| false| false",
            "none|| false| false"})
    void healthCheckTypes(String type, String endpoint, boolean tcp, boolean http) {
        DesiredLrp lrp = builder.build(buildpackApp().healthCheckType(type).healthCheckHttpEndpoint(endpoint).build());
        if (!tcp && !http) {
            assertNull(lrp.monitor());
            assertNull(lrp.checkDefinition());
            return;
        }
        assertNotNull(lrp.monitor());
        if (http) {
            assertEquals("/health", lrp.checkDefinition().checks().get(0).httpCheck().path());
            assertEquals(List.of("-port=8080", "-uri=/health"),
                    lrp.monitor().timeout().action().parallel().actions().get(0).run().args());
        } else {
            assertEquals(8080, lrp.checkDefinition().checks().get(0).tcpCheck().port());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "stack| ",
            "execution_metadata| docker-bad-metadata",
            "execution_metadata.ports| docker-udp-only",
            "docker_image| docker-scheme",
            "droplet_uri| none"})
    void recipeErrorsNameTheField(String field, String variant) {
        DesireAppRequestFromCC app = switch (variant == null ? "" : variant) {
            case "docker-bad-metadata" -> dockerApp().executionMetadata("{not json").build();
            case "docker-udp-only" -> dockerApp().executionMetadata("{\"ports\":[{\"port\":53,\"protocol\":\"udp\"}]}").build();
            case "docker-scheme" -> dockerApp().dockerImage("docker://busybox").build();
            case "none" -> buildpackApp().dropletUri("").build();
            default -> buildpackApp().stack("").build();
        };
        ValidationException e = assertThrows(ValidationException.class, () -> builder.build(app));
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void anUpdateChangesOnlyInstancesRoutesAndAnnotation() {
        DesiredLrp existing = builder.build(buildpackApp().build());
        Routes withOther = new Routes(Map.of("cf-router", Json.readTree("[]"), "diego-ssh", Json.readTree("{\"x\":1}")));
        existing = existing.toBuilder().routes(withOther).build();
        DesireAppRequestFromCC changed = buildpackApp().numInstances(5).etag("etag-2").startCommand("ignored")
                .routingInfo(RoutingInfo.of(List.of(new CcHttpRoute("b.example.com", "https://rs", 8080),
                        new CcHttpRoute("c.example.com", "https://rs", 0)), List.of(new CcTcpRoute("rg", 1000, 8080))))
                .build();
        DesiredLrpUpdate update = builder.update(existing, changed);
        assertEquals(5, update.instances());
        assertEquals("etag-2", update.annotation());
        assertNull(update.metricTags());
        assertNull(update.imageUsername());
        assertEquals("{\"x\":1}", update.routes().get("diego-ssh").toString());
        assertEquals("[{\"hostnames\":[\"b.example.com\",\"c.example.com\"],\"port\":8080,\"route_service_url\":\"https://rs\"}]",
                update.routes().get("cf-router").toString());
        assertEquals("[{\"router_group_guid\":\"rg\",\"external_port\":1000,\"container_port\":8080}]",
                update.routes().get("tcp-router").toString());
        DesiredLrp after = existing.apply(update);
        assertEquals(existing.action(), after.action());
    }

    @Test
    void anInvalidUpdateIsRefusedBeforeAnythingChanges() {
        DesiredLrp existing = builder.build(buildpackApp().build());
        assertThrows(ValidationException.class, () -> builder.update(existing, buildpackApp().numInstances(-1).build()));
    }

    @Test
    void aRelativeLifecycleDirMovesTheBundleTheLauncherAndTheHealthcheck() {
        DesiredLrp lrp = new AppRecipeBuilder(new RecipeSettings(null, false, "lifecycle/"))
                .build(buildpackApp().build());
        assertEquals("lifecycle", lrp.cachedDependencies().get(0).to());
        assertEquals("lifecycle/launcher", launcher(lrp).path());
        assertEquals("lifecycle/healthcheck", lrp.monitor().timeout().action().parallel().actions().get(0).run().path());
        assertEquals("tmp/lifecycle", new RecipeSettings(null, false, " ").lifecycleDir());
    }

    @Test
    void cpuWeightFollowsDiego() {
        assertEquals(1, Recipes.cpuWeight(0));
        assertEquals(1, Recipes.cpuWeight(128));
        assertEquals(12, Recipes.cpuWeight(1024));
        assertEquals(100, Recipes.cpuWeight(8192));
        assertEquals(100, Recipes.cpuWeight(100_000));
    }
}
