package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.diego.system.cc.BridgeHttp;
import org.diego.system.cc.BulkApps;
import org.diego.system.cc.CloudControllerStandIn;
import org.diego.system.cc.CloudControllerStandIn.Recorded;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TPS watcher tells Cloud Controller (the stand-in) when an app instance crashes, once per crash
 * and from one cluster instance only, and says nothing about LRPs of other domains. The app's start
 * command exits at once; on cells that cannot run the docker lifecycle the container fails even
 * earlier, at the lifecycle download, which is a crash all the same, so any cell backend will do.
 */
class TpsWatcherSystemIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String API = Cluster.apis().get(0);
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

    static JsonNode json(Recorded r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(r.bodyText(), e);
        }
    }

    @Test
    void aCrashingAppIsReportedToCcOnce() {
        String guid = "tps-crash-" + RUN;
        String app = """
                {"process_guid": "%s", "docker_image": "busybox", "start_command": "echo bye; exit 3",
                 "execution_metadata": "{}", "memory_mb": 32, "disk_mb": 32, "num_instances": 1,
                 "log_guid": "%s", "etag": "1", "health_check_type": "process"}
                """.formatted(guid, guid);
        String crashedPath = "/internal/v4/apps/" + guid + "/crashed";
        try {
            bulk.put(app);
            assertEquals(202, BridgeHttp.send("PUT", API + "/nsync/v1/apps/" + guid, app).status());
            Recorded crashed = cc.await("POST", crashedPath, PATIENCE);
            JsonNode body = json(crashed);
            assertEquals("CRASHED", body.path("reason").asText(), body.toString());
            assertEquals(0, body.path("index").asInt());
            assertFalse(body.path("instance").asText().isEmpty(), body.toString());
            assertFalse(body.path("cell_id").asText().isEmpty(), body.toString());
            assertTrue(body.path("crash_count").asInt() >= 1, body.toString());
            assertTrue(body.path("crash_timestamp").asLong() > 0, body.toString());
            assertFalse(body.path("exit_description").asText().isEmpty(), body.toString());
            assertTrue(crashed.header("Content-Type").startsWith("application/json"));

            // Each crash is told once, though both cluster instances hear every event.
            Cluster.sleep(2000);
            JsonNode actual = Lrps.instance(API, guid, 0);
            long posts = cc.requests("POST", crashedPath).size();
            assertTrue(posts <= actual.path("crash_count").asInt(),
                    posts + " crash posts for " + actual.path("crash_count").asInt() + " crashes: " + actual);
        } finally {
            bulk.remove(guid);
            BridgeHttp.send("DELETE", API + "/nsync/v1/apps/" + guid, null);
        }
    }

    @Test
    void crashesOutsideCfAppsAreNotReported() {
        String guid = "tps-other-" + RUN;
        Cluster.post(API, "/v1/desired_lrp/desire.r2", """
                {"desired_lrp": {"process_guid": "%s", "domain": "tps-it", "rootfs": "preloaded:cflinuxfs4",
                 "instances": 1, "memory_mb": 32, "disk_mb": 32,
                 "action": {"run": {"path": "/bin/sh", "args": ["-c", "exit 3"]}}}}
                """.formatted(guid)).assertOk();
        try {
            Cluster.await(guid + " crashed", PATIENCE, () -> Lrps.instance(API, guid, 0).path("crash_count").asInt() >= 1,
                    () -> Lrps.actuals(API, guid));
            Cluster.sleep(2000);
            assertTrue(cc.requests("POST", "/internal/v4/apps/" + guid).isEmpty(), cc.requests().toString());
        } finally {
            Cluster.post(API, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}");
        }
    }
}
