package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.diego.core.bridge.staging.DockerImageCatalogue;
import org.diego.system.cc.BulkApps;
import org.diego.system.cc.CloudControllerStandIn;
import org.diego.system.cc.CloudControllerStandIn.Recorded;
import org.diego.system.cc.CloudControllerStandIn.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Staging end to end on the real cells (process backend: the sh builder runs with the host's /bin/sh):
 * CC (the stand-in on port 28990, the cluster's {@code diego.cc.base-url}) serves the app bits and a
 * shell-script buildpack, the stager desires the staging Task, the cell downloads the lifecycle bundle
 * from the file server, runs the builder, uploads the droplet through the cc-uploader (CC answers with
 * an async job that the uploader polls), and the stager posts the result to CC's completion callback.
 * The droplet is then served by every instance's file server. Needs tar and gzip on the host.
 *
 * <p>The docker case stages a plain image reference through the stager's image catalogue
 * ({@code diego.stager.docker-images} in system-test.properties lists {@value #DOCKER_REF} at a URL on
 * this stand-in, which serves a hand-built docker-archive there) and desires the result through nsync.
 * The process-backend cells ignore images, so it checks the staging result and the recipe, not a
 * running container.
 */
class StagingSystemIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> APIS = Cluster.apis();
    private static final String API = APIS.get(0);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The reference the catalogue in system-test.properties lists. */
    static final String DOCKER_REF = "diego-it/static-app:1";
    /** Where the stand-in serves the image tarball (any name below). */
    private static final String IMAGES = "/it/images/";

    private static CloudControllerStandIn cc;
    private static BulkApps bulk;

    @BeforeAll
    static void start() throws Exception {
        cc = CloudControllerStandIn.start(28990);
        Path work = Files.createTempDirectory("staging-it");
        Path app = Files.createDirectories(work.resolve("app"));
        Files.writeString(app.resolve("index.html"), "staged by diego\n");
        Path bp = Files.createDirectories(work.resolve("bp/bin"));
        script(bp.resolve("detect"), "[ -f \"$1/index.html\" ] && echo shell-static");
        script(bp.resolve("compile"), "echo 'export GREETING=staged' > \"$1/.greeting.sh\"; date > \"$2/compiled-at\"");
        script(bp.resolve("release"), "printf -- '---\\ndefault_process_types:\\n  web: httpd -f -p $PORT -h .\\n'");
        Path never = Files.createDirectories(work.resolve("never/bin"));
        script(never.resolve("detect"), "exit 1");
        script(never.resolve("compile"), "exit 1");
        script(never.resolve("release"), "exit 1");
        Path sleepy = Files.createDirectories(work.resolve("sleepy/bin"));
        script(sleepy.resolve("detect"), "echo sleepy");
        script(sleepy.resolve("compile"), "sleep 90");
        script(sleepy.resolve("release"), "echo '--- {}'");
        // Detect always fails: staged only when detection is skipped.
        Path nodetect = Files.createDirectories(work.resolve("nodetect/bin"));
        script(nodetect.resolve("detect"), "exit 1");
        script(nodetect.resolve("compile"), "echo compiled > \"$1/compiled.txt\"");
        script(nodetect.resolve("release"), "printf -- '---\\ndefault_process_types:\\n  web: cat compiled.txt\\n'");
        byte[] nodetectTgz = tgz(work.resolve("nodetect"));
        byte[] sleepyTgz = tgz(work.resolve("sleepy"));
        byte[] appTgz = tgz(app);
        byte[] bpTgz = tgz(work.resolve("bp"));
        byte[] neverTgz = tgz(work.resolve("never"));
        cc.handle("GET", "/it/app.tgz", r -> new Reply(200, "application/gzip", appTgz));
        cc.handle("GET", "/it/buildpacks/shell.tgz", r -> new Reply(200, "application/gzip", bpTgz));
        cc.handle("GET", "/it/buildpacks/never.tgz", r -> new Reply(200, "application/gzip", neverTgz));
        cc.handle("GET", "/it/buildpacks/sleepy.tgz", r -> new Reply(200, "application/gzip", sleepyTgz));
        cc.handle("GET", "/it/buildpacks/nodetect.tgz", r -> new Reply(200, "application/gzip", nodetectTgz));
        byte[] image = dockerArchive(work.resolve("image"));
        cc.handle("GET", IMAGES, r -> new Reply(200, "application/x-tar", image));
        bulk = BulkApps.on(cc);
        cc.handle("POST", "/it/droplets/", r -> Reply.json(201,
                "{\"metadata\":{\"guid\":\"job-1\",\"url\":\"/v2/jobs/job-1\"},\"entity\":{\"status\":\"queued\"}}"));
        cc.handle("GET", "/v2/jobs/job-1", r -> Reply.json(200, "{\"entity\":{\"status\":\"finished\"}}"));
        cc.handle("POST", "/it/caches/", r -> Reply.json(201, "{}"));
        cc.handle("POST", "/internal/staging/", r -> Reply.json(200, "{}"));
        Cluster.await("cells cell-1 and cell-2 listed", PATIENCE,
                () -> Cluster.liveCells(API).containsAll(Set.of("cell-1", "cell-2")), () -> Cluster.liveCells(API));
    }

    @AfterAll
    static void stop() {
        if (cc != null) {
            cc.close();
        }
    }

    @Test
    void stagesAnAppWithAShellBuildpackAndServesItsDroplet() throws Exception {
        String guid = "stage-ok-" + RUN;
        assertEquals(202, send("PUT", API + "/stager/v1/staging/" + guid, request(guid, "shell", false)).statusCode());

        Recorded done = cc.await("POST", "/internal/staging/" + guid + "/completed", PATIENCE);
        JsonNode response = JSON.readTree(done.bodyText());
        assertFalse(response.has("error"), response.toString());
        JsonNode result = response.path("result");
        assertEquals("buildpack", result.path("lifecycle_type").asText());
        assertEquals("shell-static", result.path("lifecycle_metadata").path("detected_buildpack").asText());
        assertEquals("shell-key", result.path("lifecycle_metadata").path("buildpack_key").asText());
        assertEquals("httpd -f -p $PORT -h .", result.path("process_types").path("web").asText());

        Recorded droplet = cc.await("POST", "/it/droplets/" + guid, Duration.ofSeconds(5));
        assertTrue(String.valueOf(droplet.headers()).contains("multipart/form-data"), droplet.headers().toString());
        assertTrue(droplet.bodyText().contains("name=\"upload[droplet]\""));
        assertTrue(cc.requests().stream().anyMatch(r -> r.path().equals("/v2/jobs/job-1")), "the uploader polled CC's job");
        cc.await("POST", "/it/caches/app-" + RUN, Duration.ofSeconds(5));

        for (String api : APIS) {
            HttpResponse<byte[]> served = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/file-server/v1/static/droplets/" + guid))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, served.statusCode(), api);
            assertTrue(served.headers().firstValue("ETag").isPresent());
            Path unpacked = Files.createTempDirectory("droplet");
            Files.write(unpacked.resolve("droplet.tgz"), served.body());
            assertEquals(0, run(unpacked, "tar", "-xzf", "droplet.tgz"));
            assertEquals("staged by diego\n", Files.readString(unpacked.resolve("app/index.html")));
            assertTrue(Files.readString(unpacked.resolve("staging_info.yml")).contains("\"start_command\":\"httpd -f -p $PORT -h .\""));
        }
        awaitTaskGone(guid);
    }

    @Test
    void noDetectingBuildpackIsNoAppDetectedError() throws Exception {
        String guid = "stage-nodetect-" + RUN;
        assertEquals(202, send("PUT", API + "/stager/v1/staging/" + guid, request(guid, "never", false)).statusCode());
        JsonNode response = JSON.readTree(cc.await("POST", "/internal/staging/" + guid + "/completed", PATIENCE).bodyText());
        assertEquals("NoAppDetectedError", response.path("error").path("id").asText(), response.toString());
        assertEquals("staging failed", response.path("error").path("message").asText());
        awaitTaskGone(guid);
    }

    @Test
    void detectTriesEachBuildpackInOrderUntilOneDetects() throws Exception {
        String guid = "stage-order-" + RUN;
        assertEquals(202, send("PUT", API + "/stager/v1/staging/" + guid,
                request(guid, List.of("never", "shell"), false)).statusCode());
        JsonNode response = JSON.readTree(cc.await("POST", "/internal/staging/" + guid + "/completed", PATIENCE).bodyText());
        assertFalse(response.has("error"), response.toString());
        JsonNode metadata = response.path("result").path("lifecycle_metadata");
        assertEquals("shell-key", metadata.path("buildpack_key").asText(), "the second buildpack detected");
        assertEquals("shell-static", metadata.path("detected_buildpack").asText());
        assertEquals("httpd -f -p $PORT -h .", response.path("result").path("process_types").path("web").asText());
        awaitTaskGone(guid);
    }

    @Test
    void skipDetectCompilesWithTheNamedBuildpackWhoseDetectWouldFail() throws Exception {
        String guid = "stage-skip-" + RUN;
        assertEquals(202, send("PUT", API + "/stager/v1/staging/" + guid, request(guid, "nodetect", true)).statusCode());
        JsonNode response = JSON.readTree(cc.await("POST", "/internal/staging/" + guid + "/completed", PATIENCE).bodyText());
        assertFalse(response.has("error"), response.toString());
        JsonNode result = response.path("result");
        assertEquals("nodetect-key", result.path("lifecycle_metadata").path("buildpack_key").asText());
        assertEquals("cat compiled.txt", result.path("process_types").path("web").asText());
        cc.await("POST", "/it/droplets/" + guid, Duration.ofSeconds(5));
        awaitTaskGone(guid);
    }

    @Test
    void noneOfTwoBuildpacksDetectingIsNoAppDetectedError() throws Exception {
        String guid = "stage-nodetect2-" + RUN;
        assertEquals(202, send("PUT", API + "/stager/v1/staging/" + guid,
                request(guid, List.of("never", "nodetect"), false)).statusCode());
        JsonNode response = JSON.readTree(cc.await("POST", "/internal/staging/" + guid + "/completed", PATIENCE).bodyText());
        assertEquals("NoAppDetectedError", response.path("error").path("id").asText(), response.toString());
        assertTrue(cc.requests("POST", "/it/droplets/" + guid).isEmpty(), "no droplet is uploaded");
        awaitTaskGone(guid);
    }

    /**
     * A CC-style reference, staged through the image catalogue and desired through nsync: staging records
     * the image config's command and ports, and nsync's recipe takes its ports from that metadata.
     */
    @Test
    void aCataloguedDockerImageIsStagedAndDesiredByItsReference() throws Exception {
        String guid = "stage-docker-" + RUN;
        String process = "docker-app-" + RUN;
        try {
            assertEquals(202, send("PUT", API + "/stager/v1/staging/" + guid, dockerRequest(guid, DOCKER_REF)).statusCode());
            JsonNode response = JSON.readTree(cc.await("POST", "/internal/staging/" + guid + "/completed", PATIENCE).bodyText());
            assertFalse(response.has("error"), response.toString());
            assertTrue(cc.requests("GET", URI.create(catalogued(DOCKER_REF)).getPath()).size() > 0,
                    "the staging Task downloaded the catalogued tarball");
            JsonNode result = response.path("result");
            assertEquals("docker", result.path("lifecycle_type").asText(), result.toString());
            assertEquals(DOCKER_REF, result.path("lifecycle_metadata").path("docker_image").asText());
            String web = result.path("process_types").path("web").asText();
            assertEquals("'/bin/sh' '-c' 'exec httpd -f -p 7070 -h /www'", web);
            String metadata = result.path("execution_metadata").asText();
            JsonNode meta = JSON.readTree(metadata);
            assertEquals(List.of("7070/tcp", "7071/tcp", "5353/udp"), ports(meta), meta.toString());
            assertEquals("/www", meta.path("workdir").asText());
            awaitTaskGone(guid);

            // CC desires what staging recorded. No instances: the process-backend cells cannot run the image.
            String desire = """
                    {"process_guid": "%s", "docker_image": %s, "start_command": %s, "execution_metadata": %s,
                     "memory_mb": 64, "disk_mb": 64, "num_instances": 0, "log_guid": "%s", "etag": "staged-1",
                     "health_check_type": "port"}
                    """.formatted(process, JSON.writeValueAsString(DOCKER_REF), JSON.writeValueAsString(web),
                    JSON.writeValueAsString(metadata), process);
            bulk.put(desire);
            HttpResponse<String> desired = send("PUT", API + "/nsync/v1/apps/" + process, desire);
            assertEquals(202, desired.statusCode(), desired.body());
            JsonNode lrp = Cluster.post(API, "/v1/desired_lrps/get_by_process_guid.r3",
                    "{\"process_guid\": \"" + process + "\"}").json().path("desired_lrp");
            assertEquals("docker:///diego-it/static-app#1", lrp.path("rootfs").asText(), lrp.toString());
            assertEquals("[7070,7071]", lrp.path("ports").toString(), "the image's TCP ports, from the metadata");
            assertEquals("staged-1", lrp.path("annotation").asText());
        } finally {
            bulk.remove(process);
            send("DELETE", API + "/nsync/v1/apps/" + process, null);
        }
    }

    @Test
    void badRequestsLeaveNoTaskBehind() throws Exception {
        String unknown = "stage-cnb-" + RUN;
        String body = request(unknown, "shell", false).replace("\"lifecycle\": \"buildpack\"", "\"lifecycle\": \"cnb\"");
        assertEquals(404, send("PUT", API + "/stager/v1/staging/" + unknown, body).statusCode());

        String noDroplet = "stage-nodroplet-" + RUN;
        HttpResponse<String> refused = send("PUT", API + "/stager/v1/staging/" + noDroplet,
                request(noDroplet, "shell", false).replaceAll("\"droplet_upload_uri\": \"[^\"]*\",", ""));
        assertEquals(500, refused.statusCode(), "Diego's status for a request no recipe can be built from");
        assertTrue(refused.body().contains("lifecycle_data.droplet_upload_uri"), refused.body());

        assertEquals(400, send("PUT", API + "/stager/v1/staging/bad-json-" + RUN, "{nope").statusCode());
        for (String guid : List.of(unknown, noDroplet, "bad-json-" + RUN)) {
            assertEquals(0, taskCount(guid), guid + " must not exist");
        }
        assertEquals(404, send("DELETE", API + "/stager/v1/staging/never-staged-" + RUN, null).statusCode());
    }

    @Test
    void cancellingAStagingTellsCcItFailed() throws Exception {
        String guid = "stage-cancel-" + RUN;
        // The sleepy buildpack's compile keeps the task running until it is cancelled.
        assertEquals(202, send("PUT", API + "/stager/v1/staging/" + guid, request(guid, "sleepy", false)).statusCode());
        Cluster.await("staging task " + guid + " exists", PATIENCE, () -> taskCount(guid) == 1, () -> guid);
        assertEquals(202, send("DELETE", APIS.get(APIS.size() - 1) + "/stager/v1/staging/" + guid, null).statusCode());
        JsonNode response = JSON.readTree(cc.await("POST", "/internal/staging/" + guid + "/completed", PATIENCE).bodyText());
        assertEquals("StagingError", response.path("error").path("id").asText(), response.toString());
        awaitTaskGone(guid);
    }

    private static String request(String guid, String buildpack, boolean skipDetect) {
        return request(guid, List.of(buildpack), skipDetect);
    }

    /** A buildpack staging request; each buildpack is served at /it/buildpacks/NAME.tgz with key NAME-key. */
    private static String request(String guid, List<String> buildpacks, boolean skipDetect) {
        String base = cc.baseUrl();
        String list = String.join(", ", buildpacks.stream().map(bp -> """
                {"name": "%s", "key": "%s-key", "url": "%s/it/buildpacks/%s.tgz", "skip_detect": %s}"""
                .formatted(bp, bp, base, bp, skipDetect)).toList());
        return """
                {"app_id": "app-%s", "file_descriptors": 1024, "memory_mb": 64, "disk_mb": 256,
                 "environment": [{"name": "STAGING_IT", "value": "1"}], "timeout": 120, "log_guid": "app-%s",
                 "lifecycle": "buildpack",
                 "lifecycle_data": {"app_bits_download_uri": "%s/it/app.tgz",
                   "build_artifacts_cache_upload_uri": "%s/it/caches/app-%s",
                   "buildpacks": [%s],
                   "droplet_upload_uri": "%s/it/droplets/%s", "stack": "cflinuxfs4"},
                 "completion_callback": "%s/internal/staging/%s/completed"}
                """.formatted(RUN, RUN, base, base, RUN, list, base, guid, base, guid);
    }

    private static String dockerRequest(String guid, String image) {
        return """
                {"app_id": "docker-app-%s", "memory_mb": 64, "disk_mb": 256, "timeout": 120, "log_guid": "docker-app-%s",
                 "lifecycle": "docker", "lifecycle_data": {"docker_image": "%s"},
                 "completion_callback": "%s/internal/staging/%s/completed"}
                """.formatted(RUN, RUN, image, cc.baseUrl(), guid);
    }

    /** "Port/Protocol" of each port of a docker execution_metadata. */
    private static List<String> ports(JsonNode metadata) {
        List<String> out = new ArrayList<>();
        metadata.path("ports").forEach(p -> out.add(p.path("Port").asInt() + "/" + p.path("Protocol").asText()));
        return out;
    }

    /**
     * The URL the cluster's image catalogue lists for {@code reference} (system-test.properties, the
     * file the cluster was started with); it must point at this stand-in.
     */
    private static String catalogued(String reference) throws IOException {
        Properties p = new Properties();
        try (InputStream in = StagingSystemIT.class.getResourceAsStream("/system-test.properties")) {
            p.load(in);
        }
        String url = DockerImageCatalogue.parse(p.getProperty(DockerImageCatalogue.SETTING, "")).url(reference)
                .orElseThrow(() -> new AssertionError(DockerImageCatalogue.SETTING
                        + " in system-test.properties must list " + reference));
        assertTrue(url.startsWith(cc.baseUrl() + IMAGES), url + " must be under " + cc.baseUrl() + IMAGES + ", served by the CC stand-in");
        return url;
    }

    /**
     * A docker-archive ({@code docker save} layout) with no layers: manifest.json and an image config
     * whose command serves on 7070 and which exposes two TCP ports and a UDP one. Enough for staging,
     * which reads only the config.
     */
    private static byte[] dockerArchive(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("manifest.json"),
                "[{\"Config\":\"5e1f.json\",\"RepoTags\":[\"" + DOCKER_REF + "\"],\"Layers\":[]}]\n");
        Files.writeString(dir.resolve("5e1f.json"), """
                {"architecture": "amd64", "os": "linux",
                 "config": {"Entrypoint": ["/bin/sh", "-c"], "Cmd": ["exec httpd -f -p 7070 -h /www"], "WorkingDir": "/www",
                            "ExposedPorts": {"7070/tcp": {}, "7071/tcp": {}, "5353/udp": {}}},
                 "rootfs": {"type": "layers", "diff_ids": []}}
                """);
        Path out = Files.createTempFile("image", ".tar");
        assertEquals(0, run(dir, "tar", "-cf", out.toString(), "."));
        return Files.readAllBytes(out);
    }

    private static int taskCount(String guid) {
        Cluster.Response r = Cluster.post(API, "/v1/tasks/get_by_task_guid.r3", "{\"task_guid\": \"" + guid + "\"}");
        return r.status() == 200 && r.json().has("task") ? 1 : 0;
    }

    private static void awaitTaskGone(String guid) {
        Cluster.await("staging task " + guid + " resolved and deleted", PATIENCE, () -> taskCount(guid) == 0, () -> guid);
    }

    private static HttpResponse<String> send(String method, String url, String body) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        assertTrue(file.toFile().setExecutable(true, false));
    }

    private static byte[] tgz(Path dir) throws Exception {
        Path out = Files.createTempFile("it", ".tgz");
        assertEquals(0, run(dir, "tar", "-czf", out.toString(), "."));
        return Files.readAllBytes(out);
    }

    private static int run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command));
        return p.exitValue();
    }
}
