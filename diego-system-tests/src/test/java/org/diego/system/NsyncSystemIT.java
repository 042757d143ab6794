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
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.diego.system.cc.BridgeHttp;
import org.diego.system.cc.BridgeHttp.Answer;
import org.diego.system.cc.BulkApps;
import org.diego.system.cc.CloudControllerStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nsync and TPS on the running cluster, as Cloud Controller drives them: desire an app, scale it, retire
 * an index (it comes back as a new instance), delete it; bad requests change nothing; a CC task is desired and cancelled. The apps use the
 * docker lifecycle (no droplet to stage or serve).
 *
 * <p>{@link #aDesiredAppRunsAndAnswersOnItsPort} runs a real app: the docker lifecycle bundle from the
 * file server, unpacked where the recipe says (by default {@code tmp/lifecycle}, which the process
 * backend accepts), serving
 * with the host's busybox httpd (skipped without busybox; CI installs it). The others pass whatever the
 * instances do.
 *
 * <p>A CC stand-in runs on the configured {@code diego.cc.base-url} and lists the test's apps in its bulk
 * API, so the bulker, which runs meanwhile, keeps them.
 */
class NsyncSystemIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String API = Cluster.apis().get(0);
    private static final String OTHER_API = Cluster.apis().get(Cluster.apis().size() - 1);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static CloudControllerStandIn cc;
    private static BulkApps bulk;

    @BeforeAll
    static void startCc() {
        cc = CloudControllerStandIn.start(CloudControllerStandIn.DEFAULT_PORT);
        bulk = BulkApps.on(cc);
    }

    @AfterAll
    static void stopCc() {
        cc.close();
    }

    /** A docker-lifecycle app as CC sends it. */
    static String app(String guid, int instances, String etag, String healthCheck, String startCommand) {
        return """
                {"process_guid": "%s", "docker_image": "busybox", "start_command": %s, "execution_metadata": "{}",
                 "environment": [{"name": "GREETING", "value": "hello"}], "memory_mb": 64, "disk_mb": 64,
                 "file_descriptors": 1024, "num_instances": %d, "log_guid": "%s", "etag": "%s",
                 "health_check_type": "%s", "health_check_timeout_in_seconds": 30,
                 "routing_info": {"http_routes": [{"hostname": "%s.example.com"}]}}
                """.formatted(guid, quote(startCommand), instances, guid, etag, healthCheck, guid);
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Answer put(String base, String guid, String body) {
        bulk.put(body);
        return BridgeHttp.send("PUT", base + "/nsync/v1/apps/" + guid, body);
    }

    static JsonNode desired(String guid) {
        return Cluster.post(API, "/v1/desired_lrps/get_by_process_guid.r3", "{\"process_guid\":\"" + guid + "\"}").json();
    }

    static JsonNode tps(String guid) {
        Answer a = BridgeHttp.send("GET", API + "/tps/v1/actual_lrps/" + guid, null);
        assertEquals(200, a.status(), a.body());
        try {
            return JSON.readTree(a.body());
        } catch (IOException e) {
            throw new AssertionError(a.body(), e);
        }
    }

    /** The instance guid of index {@code index}'s ordinary row, "" while there is none. */
    static String instanceGuid(String guid, int index) {
        for (JsonNode a : Lrps.actuals(API, guid)) {
            if (a.path("index").asInt() == index && !"EVACUATING".equals(a.path("presence").asText())) {
                return a.path("instance_guid").asText("");
            }
        }
        return "";
    }

    static void delete(String guid) {
        bulk.remove(guid);
        BridgeHttp.send("DELETE", API + "/nsync/v1/apps/" + guid, null);
    }

    @Test
    void desireScaleRetireAndDeleteAnApp() {
        String guid = "nsync-it-" + RUN;
        try {
            Answer created = put(API, guid, app(guid, 1, "etag-1", "process", "while true; do sleep 1; done"));
            assertEquals(202, created.status(), created.body());
            JsonNode lrp = desired(guid).path("desired_lrp");
            assertEquals("cf-apps", lrp.path("domain").asText(), lrp.toString());
            assertEquals(1, lrp.path("instances").asInt());
            assertEquals("etag-1", lrp.path("annotation").asText());
            assertEquals("docker:///library/busybox", lrp.path("rootfs").asText());
            assertEquals(guid + ".example.com",
                    lrp.path("routes").path("cf-router").path(0).path("hostnames").path(0).asText(), lrp.toString());
            Cluster.await("TPS lists index 0", PATIENCE, () -> tps(guid).size() == 1, () -> tps(guid));
            JsonNode first = tps(guid).get(0);
            assertEquals(guid, first.path("process_guid").asText());
            assertTrue(List.of("STARTING", "RUNNING", "CRASHED", "DOWN").contains(first.path("state").asText()),
                    first.toString());

            // An update through the other instance: only instances, routes and etag change.
            Answer scaled = put(OTHER_API, guid, app(guid, 3, "etag-2", "process", "ignored on update"));
            assertEquals(202, scaled.status(), scaled.body());
            JsonNode after = desired(guid).path("desired_lrp");
            assertEquals(3, after.path("instances").asInt());
            assertEquals("etag-2", after.path("annotation").asText());
            assertEquals(lrp.path("action"), after.path("action"), "the recipe is not rebuilt on update");
            Cluster.await("TPS lists 3 instances", PATIENCE, () -> tps(guid).size() == 3, () -> tps(guid));

            // Retire index 1 once it has an instance; convergence brings the index back as a new instance.
            Cluster.await("index 1 has an instance guid", PATIENCE, () -> !instanceGuid(guid, 1).isEmpty(),
                    () -> Lrps.actuals(API, guid));
            String retiredInstance = instanceGuid(guid, 1);
            Answer retired = BridgeHttp.send("DELETE", API + "/nsync/v1/apps/" + guid + "/index/1", null);
            assertEquals(202, retired.status(), retired.body());
            Cluster.await("index 1 back with a new instance guid", PATIENCE, () -> {
                String now = instanceGuid(guid, 1);
                return !now.isEmpty() && !now.equals(retiredInstance);
            }, () -> Lrps.actuals(API, guid));
            assertEquals(3, Lrps.actuals(API, guid).size(), "still three instances");
            assertEquals(404, BridgeHttp.send("DELETE", API + "/nsync/v1/apps/" + guid + "/index/7", null).status());
            assertEquals(400, BridgeHttp.send("DELETE", API + "/nsync/v1/apps/" + guid + "/index/x", null).status());

            Answer stopped = BridgeHttp.send("DELETE", API + "/nsync/v1/apps/" + guid, null);
            assertEquals(202, stopped.status(), stopped.body());
            bulk.remove(guid);
            assertEquals("ResourceNotFound", desired(guid).path("error").path("type").asText());
            Cluster.await("TPS lists nothing", PATIENCE, () -> tps(guid).isEmpty(), () -> tps(guid));
            assertEquals(404, BridgeHttp.send("DELETE", API + "/nsync/v1/apps/" + guid, null).status());
            assertEquals(404, BridgeHttp.send("GET", API + "/tps/v1/actual_lrps/" + guid + "/stats", null).status());
        } finally {
            delete(guid);
        }
    }

    @Test
    void badRequestsAre400AndCreateNothing() {
        String guid = "nsync-bad-" + RUN;
        String good = app(guid, 1, "e", "port", "sleep 100");
        assertEquals(400, BridgeHttp.send("PUT", API + "/nsync/v1/apps/other-guid", good).status(), "guid mismatch");
        assertEquals(400, BridgeHttp.send("PUT", API + "/nsync/v1/apps/" + guid, "{not json").status());
        assertEquals(400, BridgeHttp.send("PUT", API + "/nsync/v1/apps/" + guid,
                good.replace("\"docker_image\": \"busybox\"", "\"docker_image\": \"\"")).status(), "no droplet, no image");
        Answer badType = BridgeHttp.send("PUT", API + "/nsync/v1/apps/" + guid, good.replace("\"port\"", "\"tcp\""));
        assertEquals(400, badType.status());
        assertTrue(badType.body().contains("health_check_type"), badType.body());
        assertEquals(400, BridgeHttp.send("PUT", API + "/nsync/v1/apps/" + guid,
                good.replace("\"num_instances\": 1", "\"num_instances\": -1")).status());
        assertEquals("ResourceNotFound", desired(guid).path("error").path("type").asText());
        assertTrue(tps(guid).isEmpty());
        assertEquals(400, BridgeHttp.send("GET", API + "/tps/v1/bulk_actual_lrp_status?guids=a,,b", null).status());
    }

    @Test
    void aCcTaskIsDesiredInCfTasksAndCancelled() {
        String guid = "nsync-task-" + RUN;
        String task = """
                {"task_guid": "%s", "log_guid": "app", "memory_mb": 64, "disk_mb": 64, "lifecycle": "docker",
                 "docker_path": "busybox", "command": "sleep 30", "completion_callback": "%s/internal/v3/tasks/%s/completed",
                 "environment": [], "log_source": "APP/TASK/it"}
                """.formatted(guid, cc.baseUrl(), guid);
        Answer desired = BridgeHttp.send("POST", API + "/nsync/v1/tasks", task);
        assertEquals(202, desired.status(), desired.body());
        JsonNode t = Cluster.post(API, "/v1/tasks/get_by_task_guid.r3", "{\"task_guid\":\"" + guid + "\"}").json().path("task");
        assertEquals("cf-tasks", t.path("domain").asText(), t.toString());
        assertEquals(409, BridgeHttp.send("POST", API + "/nsync/v1/tasks", task).status(), "same guid again");
        assertEquals(400, BridgeHttp.send("POST", API + "/nsync/v1/tasks", task.replace("\"docker\"", "\"windows\"")).status());
        // The task may already have failed (e.g. no lifecycle bundle on these cells): cancelling it then conflicts.
        int cancelled = BridgeHttp.send("DELETE", API + "/nsync/v1/tasks/" + guid, null).status();
        assertTrue(cancelled == 202 || cancelled == 409, "cancel answered " + cancelled);
        assertEquals(404, BridgeHttp.send("DELETE", API + "/nsync/v1/tasks/nsync-no-such-task-" + RUN, null).status());
        Cluster.post(API, "/v1/tasks/resolving", "{\"task_guid\":\"" + guid + "\"}");
        Cluster.post(API, "/v1/tasks/delete", "{\"task_guid\":\"" + guid + "\"}");
    }

    static boolean busybox() {
        return Files.isExecutable(Path.of("/usr/bin/busybox")) || Files.isExecutable(Path.of("/bin/busybox"));
    }

    @Test
    void aDesiredAppRunsAndAnswersOnItsPort() throws Exception {
        Assumptions.assumeTrue(busybox(), "busybox httpd is needed on the cells' host");
        String guid = "nsync-run-" + RUN;
        String serve = "mkdir -p www; echo hello-from-" + guid + " > www/index.html; exec busybox httpd -f -p $PORT -h www";
        try {
            assertEquals(202, put(API, guid, app(guid, 1, "e", "port", serve)).status());
            Instant deadline = Instant.now().plus(PATIENCE);
            JsonNode instance = null;
            while (Instant.now().isBefore(deadline)) {
                JsonNode i = tps(guid).path(0);
                if ("RUNNING".equals(i.path("state").asText())) {
                    instance = i;
                    break;
                }
                if ("CRASHED".equals(i.path("state").asText())) {
                    String reason = Lrps.instance(API, guid, 0).path("crash_reason").asText();
                    throw new AssertionError("the app crashed: " + reason);
                }
                Cluster.sleep(500);
            }
            assertTrue(instance != null, "never RUNNING: " + tps(guid));
            Answer stats = BridgeHttp.send("GET", API + "/tps/v1/actual_lrps/" + guid + "/stats", null);
            assertEquals(200, stats.status(), stats.body());
            JsonNode s = JSON.readTree(stats.body()).get(0);
            String host = s.path("host").asText();
            int port = s.path("port").asInt();
            assertTrue(port > 0, s.toString());
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + host + ":" + port + "/index.html")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("hello-from-" + guid, page.body().trim());
            JsonNode bulkStatus = JSON.readTree(BridgeHttp.send("GET",
                    API + "/tps/v1/bulk_actual_lrp_status?guids=" + guid + ",nsync-none-" + RUN, null).body());
            assertEquals("RUNNING", bulkStatus.path(guid).path(0).path("state").asText());
            assertFalse(bulkStatus.path("nsync-none-" + RUN).size() > 0);
        } finally {
            delete(guid);
        }
    }
}
