package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Walks the skeleton's slice through the real system: two Payara instances in a deployment group,
 * the embedded MariaDB, the OpenMQ broker and two cell agents running real processes. The steps
 * share one system and run in order; each states the Diego behaviour it proves.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonSystemIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String GUID = "skeleton-app";
    private static final List<String> APIS = Cluster.apis();

    static String desireBody(String guid, int instances) {
        return """
                {"desired_lrp": {"process_guid": "%s", "domain": "skeleton", "rootfs": "preloaded:cflinuxfs4",
                 "instances": %d, "memory_mb": 64, "disk_mb": 64,
                 "action": {"run": {"path": "/bin/sh", "args": ["-c", "while true; do sleep 1; done"],
                                    "env": [{"name": "GREETING", "value": "hello"}]}}}}
                """.formatted(guid, instances);
    }

    static JsonNode actuals(String api, String guid) {
        return Cluster.post(api, "/v1/actual_lrps/list", "{\"process_guid\":\"" + guid + "\"}").json().path("actual_lrps");
    }

    static boolean allRunning(String api, String guid, int instances) {
        JsonNode list = actuals(api, guid);
        if (list.size() != instances) {
            return false;
        }
        for (JsonNode a : list) {
            if (!"RUNNING".equals(a.path("state").asText()) || a.path("cell_id").asText().isEmpty()
                    || a.path("instance_guid").asText().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    static JsonNode instance(String api, String guid, int index) {
        for (JsonNode a : actuals(api, guid)) {
            if (a.path("index").asInt() == index) {
                return a;
            }
        }
        throw new AssertionError("no actual LRP " + guid + "/" + index + " in " + actuals(api, guid));
    }


    @Test
    @Order(1)
    void bothInstancesServeTheApiAndSeeBothCells() {
        for (String api : APIS) {
            Cluster.Response ping = Cluster.post(api, "/v1/ping", "");
            assertEquals(200, ping.status(), api + " ping");
            assertTrue(ping.json().path("available").asBoolean());
            Cluster.await("cells cell-1 and cell-2 listed by " + api, PATIENCE,
                    () -> Cluster.liveCells(api).containsAll(Set.of("cell-1", "cell-2")), () -> Cluster.liveCells(api));
        }
    }

    @Test
    @Order(2)
    void badInputIsRefusedNamingTheFieldAndStoresNothing() {
        String api = APIS.get(0);
        JsonNode malformed = Cluster.post(api, "/v1/desired_lrp/desire.r2", "{\"desired_lrp\": {").json();
        assertEquals("InvalidJSON", malformed.path("error").path("type").asText());

        JsonNode badGuid = Cluster.post(api, "/v1/desired_lrp/desire.r2", desireBody("bad guid!", 1)).json();
        assertEquals("InvalidRequest", badGuid.path("error").path("type").asText());
        assertTrue(badGuid.path("error").path("message").asText().contains("process_guid"), badGuid.toString());

        JsonNode negative = Cluster.post(api, "/v1/desired_lrp/desire.r2", desireBody("negative-app", -1)).json();
        assertTrue(negative.path("error").path("message").asText().contains("instances"), negative.toString());

        JsonNode wrongType = Cluster.post(api, "/v1/desired_lrp/desire.r2",
                desireBody("typed-app", 1).replace("\"memory_mb\": 64", "\"memory_mb\": \"lots\"")).json();
        assertTrue(wrongType.path("error").path("message").asText().contains("memory_mb"), wrongType.toString());

        for (String guid : List.of("negative-app", "typed-app")) {
            JsonNode get = Cluster.post(api, "/v1/desired_lrps/get_by_process_guid.r3", "{\"process_guid\":\"" + guid + "\"}").json();
            assertEquals("ResourceNotFound", get.path("error").path("type").asText(), guid + " must not be stored");
            assertEquals(0, actuals(api, guid).size());
        }
        assertEquals(404, Cluster.post(api, "/v1/no_such_route", "").status());
    }

    @Test
    @Order(3)
    void desiredInstancesRunOnCellsAndBothApiInstancesAgree() {
        JsonNode desired = Cluster.post(APIS.get(0), "/v1/desired_lrp/desire.r2", desireBody(GUID, 2)).json();
        assertFalse(desired.has("error"), desired.toString());
        Cluster.await("2 RUNNING instances", PATIENCE, () -> allRunning(APIS.get(1), GUID, 2), () -> actuals(APIS.get(1), GUID));
        assertEquals(actuals(APIS.get(0), GUID), actuals(APIS.get(1), GUID), "both instances read the same state");
        for (JsonNode a : actuals(APIS.get(0), GUID)) {
            assertTrue(Cluster.processOf(a.path("instance_guid").asText()).isPresent(), "a real process runs " + a);
        }
        JsonNode dup = Cluster.post(APIS.get(1), "/v1/desired_lrp/desire.r2", desireBody(GUID, 2)).json();
        assertEquals("ResourceExists", dup.path("error").path("type").asText());
    }

    @Test
    @Order(4)
    void aCrashedProcessIsRestarted() {
        String api = APIS.get(0);
        JsonNode before = instance(api, GUID, 0);
        ProcessHandle process = Cluster.processOf(before.path("instance_guid").asText()).orElseThrow();
        process.destroyForcibly();
        Cluster.await("index 0 restarted after its crash", PATIENCE, () -> {
            JsonNode now = instance(api, GUID, 0);
            return "RUNNING".equals(now.path("state").asText()) && now.path("crash_count").asInt() >= 1
                    && !now.path("instance_guid").asText().equals(before.path("instance_guid").asText());
        }, () -> instance(api, GUID, 0));
    }

    @Test
    @Order(5)
    void convergenceCreatesAMissingInstance() throws Exception {
        String lost = loseInstance(APIS.get(0), GUID, 1);
        Cluster.await("index 1 recreated and running", PATIENCE, () -> allRunning(APIS.get(0), GUID, 2)
                        && !instance(APIS.get(0), GUID, 1).path("instance_guid").asText().equals(lost),
                () -> actuals(APIS.get(0), GUID));
    }

    /**
     * Deletes an instance's row and kills its container, so that only convergence can bring the
     * index back (the cell's crash report is then refused as unknown and the cell drops the container).
     */
    static String loseInstance(String api, String guid, int index) throws Exception {
        String lost = instance(api, guid, index).path("instance_guid").asText();
        try (Connection db = Cluster.database();
             PreparedStatement delete = db.prepareStatement(
                     "DELETE FROM actual_lrps WHERE process_guid = ? AND instance_index = ?")) {
            delete.setString(1, guid);
            delete.setInt(2, index);
            assertEquals(1, delete.executeUpdate());
        }
        Cluster.processOf(lost).orElseThrow().destroyForcibly();
        return lost;
    }

    @Test
    @Order(6)
    void instancesOnAVanishedCellAreReplacedOnALiveCell() throws Exception {
        String api = APIS.get(1);
        String victim = instance(api, GUID, 1).path("cell_id").asText();
        long pid = Cluster.cellPid(victim);
        // The whole process group: the agent and its containers vanish together, like a lost VM.
        new ProcessBuilder("kill", "-KILL", "--", "-" + pid).inheritIO().start().waitFor();
        Cluster.await(victim + " gone from the cell list", PATIENCE, () -> !Cluster.liveCells(api).contains(victim), () -> Cluster.liveCells(api));
        Cluster.await("every instance running on a live cell", PATIENCE, () -> {
            if (!allRunning(api, GUID, 2)) {
                return false;
            }
            for (JsonNode a : actuals(api, GUID)) {
                if (a.path("cell_id").asText().equals(victim)) {
                    return false;
                }
            }
            return true;
        }, () -> actuals(api, GUID));
        // `up` is idempotent: it starts only the missing cell again.
        Cluster.diego("up");
        Cluster.await(victim + " back", PATIENCE, () -> Cluster.liveCells(api).contains(victim), () -> Cluster.liveCells(api));
    }

    @Test
    @Order(7)
    void stoppingAPayaraInstanceMovesTimerAndAuctioneerToTheOther() throws Exception {
        String holder = Cluster.get(APIS.get(0), "/v1/roles").json().path("holders").path("converger").asText();
        String stopped = holder.substring(0, holder.indexOf(':'));
        int survivorIdx = stopped.equals(Cluster.INSTANCES.get(0)) ? 1 : 0;
        String survivor = APIS.get(survivorIdx);
        String survivorName = Cluster.INSTANCES.get(survivorIdx);
        Cluster.diego("asadmin", "stop-instance", stopped);
        try {
            Cluster.await("both roles held by " + survivorName, PATIENCE, () -> {
                JsonNode holders = Cluster.get(survivor, "/v1/roles").json().path("holders");
                return holders.path("converger").asText().startsWith(survivorName + ":")
                        && holders.path("auctioneer").asText().startsWith(survivorName + ":");
            }, () -> Cluster.get(survivor, "/v1/roles").body());

            String lost = loseInstance(survivor, GUID, 0);
            Cluster.await("the converger timer repairs on the survivor", PATIENCE, () -> allRunning(survivor, GUID, 2)
                    && !instance(survivor, GUID, 0).path("instance_guid").asText().equals(lost), () -> actuals(survivor, GUID));

            String guid = "failover-app";
            JsonNode desired = Cluster.post(survivor, "/v1/desired_lrp/desire.r2", desireBody(guid, 1)).json();
            assertFalse(desired.has("error"), desired.toString());
            Cluster.await("the auctioneer places on the survivor", PATIENCE, () -> allRunning(survivor, guid, 1),
                    () -> actuals(survivor, guid));
            Cluster.processOf(instance(survivor, guid, 0).path("instance_guid").asText()).orElseThrow().destroyForcibly();
            Cluster.await("a crash restarted with one Payara instance", PATIENCE, () -> {
                JsonNode a = instance(survivor, guid, 0);
                return "RUNNING".equals(a.path("state").asText()) && a.path("crash_count").asInt() >= 1;
            }, () -> actuals(survivor, guid));
            Cluster.post(survivor, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}");
        } finally {
            Cluster.diego("asadmin", "start-instance", stopped);
        }
        Cluster.await(stopped + " serving again", Duration.ofSeconds(180),
                () -> Cluster.post(APIS.get(1 - survivorIdx), "/v1/ping", "").status() == 200, () -> "no answer");
    }

    @Test
    @Order(8)
    void removingTheDesiredLrpStopsAndRemovesEveryInstance() {
        String api = APIS.get(0);
        List<String> guids = new ArrayList<>();
        actuals(api, GUID).forEach(a -> guids.add(a.path("instance_guid").asText()));
        JsonNode removed = Cluster.post(api, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + GUID + "\"}").json();
        assertFalse(removed.has("error"), removed.toString());
        Cluster.await("no actual LRPs left", PATIENCE, () -> actuals(api, GUID).isEmpty(), () -> actuals(api, GUID));
        Cluster.await("their processes stopped", PATIENCE,
                () -> guids.stream().noneMatch(g -> Cluster.processOf(g).isPresent()), () -> guids);
        JsonNode again = Cluster.post(api, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + GUID + "\"}").json();
        assertEquals("ResourceNotFound", again.path("error").path("type").asText());
    }
}
