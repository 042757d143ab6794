package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
 */
class StagingSystemIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> APIS = Cluster.apis();
    private static final String API = APIS.get(0);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static CloudControllerStandIn cc;

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
        byte[] sleepyTgz = tgz(work.resolve("sleepy"));
        byte[] appTgz = tgz(app);
        byte[] bpTgz = tgz(work.resolve("bp"));
        byte[] neverTgz = tgz(work.resolve("never"));
        cc.handle("GET", "/it/app.tgz", r -> new Reply(200, "application/gzip", appTgz));
        cc.handle("GET", "/it/buildpacks/shell.tgz", r -> new Reply(200, "application/gzip", bpTgz));
        cc.handle("GET", "/it/buildpacks/never.tgz", r -> new Reply(200, "application/gzip", neverTgz));
        cc.handle("GET", "/it/buildpacks/sleepy.tgz", r -> new Reply(200, "application/gzip", sleepyTgz));
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
        String base = cc.baseUrl();
        return """
                {"app_id": "app-%s", "file_descriptors": 1024, "memory_mb": 64, "disk_mb": 256,
                 "environment": [{"name": "STAGING_IT", "value": "1"}], "timeout": 120, "log_guid": "app-%s",
                 "lifecycle": "buildpack",
                 "lifecycle_data": {"app_bits_download_uri": "%s/it/app.tgz",
                   "build_artifacts_cache_upload_uri": "%s/it/caches/app-%s",
                   "buildpacks": [{"name": "%s", "key": "%s-key", "url": "%s/it/buildpacks/%s.tgz", "skip_detect": %s}],
                   "droplet_upload_uri": "%s/it/droplets/%s", "stack": "cflinuxfs4"},
                 "completion_callback": "%s/internal/staging/%s/completed"}
                """.formatted(RUN, RUN, base, base, RUN, buildpack, buildpack, base, buildpack, skipDetect, base, guid, base, guid);
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
