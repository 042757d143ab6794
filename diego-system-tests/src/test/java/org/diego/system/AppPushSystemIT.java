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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.diego.system.cc.BridgeHttp;
import org.diego.system.cc.BridgeHttp.Answer;
import org.diego.system.cc.BulkApps;
import org.diego.system.cc.CloudControllerStandIn;
import org.diego.system.cc.CloudControllerStandIn.Recorded;
import org.diego.system.cc.CloudControllerStandIn.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code cf push} asks of Diego, end to end on the real cells, as Cloud Controller (the stand-in)
 * drives it: stage an app with a shell-script buildpack, desire the droplet through nsync, see it
 * RUNNING and answering HTTP on the port TPS reports, scale 1 → 3 → 1, crash an instance and see CC
 * told, delete it; then a CC task runs the same droplet and its result reaches CC's callback. The app
 * serves with the host's busybox httpd (the process-backend cells run the host's binaries).
 */
class AppPushSystemIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String API = Cluster.apis().get(0);
    private static final String OTHER_API = Cluster.apis().get(Cluster.apis().size() - 1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static CloudControllerStandIn cc;
    private static BulkApps bulk;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(NsyncSystemIT.busybox(), "busybox httpd is needed on the cells' host");
        cc = CloudControllerStandIn.start(CloudControllerStandIn.DEFAULT_PORT);
        bulk = BulkApps.on(cc);
        Path work = Files.createTempDirectory("push-it");
        Path app = Files.createDirectories(work.resolve("app"));
        Files.writeString(app.resolve("index.html"), "pushed " + RUN + "\n");
        Path bp = Files.createDirectories(work.resolve("bp/bin"));
        script(bp.resolve("detect"), "[ -f \"$1/index.html\" ] && echo busybox-web");
        script(bp.resolve("compile"), "echo compiled > \"$1/compiled.txt\"");
        script(bp.resolve("release"), "printf -- '---\\ndefault_process_types:\\n  web: exec busybox httpd -f -p $PORT -h .\\n'");
        byte[] appTgz = tgz(app);
        byte[] bpTgz = tgz(work.resolve("bp"));
        cc.handle("GET", "/it/app.tgz", r -> new Reply(200, "application/gzip", appTgz));
        cc.handle("GET", "/it/buildpacks/web.tgz", r -> new Reply(200, "application/gzip", bpTgz));
        cc.handle("POST", "/it/droplets/", r -> Reply.json(201, "{}"));
        cc.handle("POST", "/internal/", r -> Reply.json(200, "{}"));
    }

    @AfterAll
    static void stop() {
        if (cc != null) {
            cc.close();
        }
    }

    @Test
    void stageRunScaleCrashDeleteAndRunATask() throws Exception {
        String staging = "push-stage-" + RUN;
        JsonNode result = stage(staging);
        String droplet = API + "/file-server/v1/static/droplets/" + staging;
        String startCommand = result.path("process_types").path("web").asText();
        assertEquals("exec busybox httpd -f -p $PORT -h .", startCommand);

        String guid = "push-app-" + RUN;
        try {
            desire(guid, droplet, startCommand, result.path("execution_metadata").asText(), 1, "1");
            awaitServing(guid, 1);
            desire(guid, droplet, startCommand, result.path("execution_metadata").asText(), 3, "2");
            awaitServing(guid, 3);

            JsonNode victim = tps(guid).get(1);
            Cluster.processOf(victim.path("instance_guid").asText()).orElseThrow().destroyForcibly();
            Recorded crashed = cc.await("POST", "/internal/v4/apps/" + guid + "/crashed", PATIENCE);
            assertEquals(1, JSON.readTree(crashed.bodyText()).path("index").asInt(), crashed.bodyText());

            desire(guid, droplet, startCommand, result.path("execution_metadata").asText(), 1, "3");
            Cluster.await(guid + " scaled down to 1", PATIENCE, () -> tps(guid).size() == 1
                    && "RUNNING".equals(tps(guid).get(0).path("state").asText()), () -> tps(guid));
        } finally {
            assertEquals(202, BridgeHttp.send("DELETE", API + "/nsync/v1/apps/" + guid, null).status());
            bulk.remove(guid);
        }
        Cluster.await(guid + " gone", PATIENCE, () -> tps(guid).isEmpty(), () -> tps(guid));

        String task = "push-task-" + RUN;
        Answer desired = BridgeHttp.send("POST", API + "/nsync/v1/tasks", """
                {"task_guid": "%s", "log_guid": "%s", "memory_mb": 64, "disk_mb": 64, "lifecycle": "buildpack",
                 "droplet_uri": "%s", "rootfs": "cflinuxfs4", "command": "cat index.html compiled.txt",
                 "completion_callback": "%s/internal/v3/tasks/%s/completed", "environment": [], "log_source": "APP/TASK/it"}
                """.formatted(task, guid, droplet, cc.baseUrl(), task));
        assertEquals(202, desired.status(), desired.body());
        JsonNode done = JSON.readTree(cc.await("POST", "/internal/v3/tasks/" + task + "/completed", PATIENCE).bodyText());
        assertEquals(task, done.path("task_guid").asText(), done.toString());
        assertFalse(done.path("failed").asBoolean(), done.toString());
    }

    /** Stages through the stager and returns CC's staging result (the droplet is kept by the file server). */
    private static JsonNode stage(String guid) throws Exception {
        String base = cc.baseUrl();
        Answer accepted = BridgeHttp.send("PUT", API + "/stager/v1/staging/" + guid, """
                {"app_id": "push-%s", "file_descriptors": 1024, "memory_mb": 64, "disk_mb": 256, "environment": [],
                 "timeout": 120, "log_guid": "push-%s", "lifecycle": "buildpack",
                 "lifecycle_data": {"app_bits_download_uri": "%s/it/app.tgz",
                   "buildpacks": [{"name": "web", "key": "web-key", "url": "%s/it/buildpacks/web.tgz", "skip_detect": false}],
                   "droplet_upload_uri": "%s/it/droplets/%s", "stack": "cflinuxfs4"},
                 "completion_callback": "%s/internal/staging/%s/completed"}
                """.formatted(RUN, RUN, base, base, base, guid, base, guid));
        assertEquals(202, accepted.status(), accepted.body());
        JsonNode response = JSON.readTree(cc.await("POST", "/internal/staging/" + guid + "/completed", PATIENCE).bodyText());
        assertFalse(response.has("error") && !response.path("error").isNull(), response.toString());
        return response.path("result");
    }

    private static void desire(String guid, String droplet, String startCommand, String metadata, int instances,
                               String etag) throws IOException {
        String body = """
                {"process_guid": "%s", "droplet_uri": "%s", "stack": "cflinuxfs4", "start_command": %s,
                 "execution_metadata": %s, "environment": [], "memory_mb": 64, "disk_mb": 64, "file_descriptors": 1024,
                 "num_instances": %d, "log_guid": "%s", "etag": "%s", "health_check_type": "port",
                 "health_check_timeout_in_seconds": 30, "routing_info": {"http_routes": [{"hostname": "%s.example.com"}]}}
                """.formatted(guid, droplet, JSON.writeValueAsString(startCommand), JSON.writeValueAsString(metadata),
                instances, guid, etag, guid);
        bulk.put(body);
        Answer answer = BridgeHttp.send("PUT", API + "/nsync/v1/apps/" + guid, body);
        assertEquals(202, answer.status(), answer.body());
    }

    /**
     * Every one of {@code instances} is RUNNING (as the other cluster instance's TPS sees it) and serves the app
     * on the host and port TPS's stats view reports (the status view carries no host or port, as in Diego).
     */
    private static void awaitServing(String guid, int instances) {
        Cluster.await(guid + " serving on " + instances + " instances", PATIENCE, () -> {
            JsonNode all = tps(guid + "/stats");
            if (all.size() != instances) {
                return false;
            }
            for (JsonNode i : all) {
                if (!"RUNNING".equals(i.path("state").asText()) || !serves(i.path("host").asText(), i.path("port").asInt())) {
                    return false;
                }
            }
            return true;
        }, () -> tps(guid + "/stats"));
    }

    private static boolean serves(String host, int port) {
        try {
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/index.html"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return page.statusCode() == 200 && page.body().equals("pushed " + RUN + "\n");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** TPS's instances of {@code path}: a process guid, or a process guid with {@code /stats}. */
    private static JsonNode tps(String path) {
        Answer a = BridgeHttp.send("GET", OTHER_API + "/tps/v1/actual_lrps/" + path, null);
        assertEquals(200, a.status(), a.body());
        try {
            return JSON.readTree(a.body());
        } catch (IOException e) {
            throw new AssertionError(a.body(), e);
        }
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        assertTrue(file.toFile().setExecutable(true, false));
    }

    private static byte[] tgz(Path dir) throws Exception {
        Path out = Files.createTempFile("push-it", ".tgz");
        Process p = new ProcessBuilder("tar", "-czf", out.toString(), ".").directory(dir.toFile()).inheritIO().start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        return Files.readAllBytes(out);
    }
}
