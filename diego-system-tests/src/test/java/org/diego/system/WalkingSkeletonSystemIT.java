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

        JsonNode badGuid = Cluster.post(api, "/v1/desired_lrp/desire.r2", Lrps.desireBody("bad guid!", 1)).json();
        assertEquals("InvalidRequest", badGuid.path("error").path("type").asText());
        assertTrue(badGuid.path("error").path("message").asText().contains("process_guid"), badGuid.toString());

        JsonNode negative = Cluster.post(api, "/v1/desired_lrp/desire.r2", Lrps.desireBody("negative-app", -1)).json();
        assertTrue(negative.path("error").path("message").asText().contains("instances"), negative.toString());

        JsonNode wrongType = Cluster.post(api, "/v1/desired_lrp/desire.r2",
                Lrps.desireBody("typed-app", 1).replace("\"memory_mb\": 64", "\"memory_mb\": \"lots\"")).json();
        assertTrue(wrongType.path("error").path("message").asText().contains("memory_mb"), wrongType.toString());

        for (String guid : List.of("negative-app", "typed-app")) {
            JsonNode get = Cluster.post(api, "/v1/desired_lrps/get_by_process_guid.r3", "{\"process_guid\":\"" + guid + "\"}").json();
            assertEquals("ResourceNotFound", get.path("error").path("type").asText(), guid + " must not be stored");
            assertEquals(0, Lrps.actuals(api, guid).size());
        }
        assertEquals(404, Cluster.post(api, "/v1/no_such_route", "").status());
    }

    @Test
    @Order(3)
    void desiredInstancesRunOnCellsAndBothApiInstancesAgree() {
        JsonNode desired = Cluster.post(APIS.get(0), "/v1/desired_lrp/desire.r2", Lrps.desireBody(GUID, 2)).json();
        assertFalse(desired.has("error"), desired.toString());
        Cluster.await("2 RUNNING instances", PATIENCE, () -> Lrps.allRunning(APIS.get(1), GUID, 2), () -> Lrps.actuals(APIS.get(1), GUID));
        assertEquals(Lrps.actuals(APIS.get(0), GUID), Lrps.actuals(APIS.get(1), GUID), "both instances read the same state");
        for (JsonNode a : Lrps.actuals(APIS.get(0), GUID)) {
            assertTrue(Cluster.processOf(a.path("instance_guid").asText()).isPresent(), "a real process runs " + a);
        }
        JsonNode dup = Cluster.post(APIS.get(1), "/v1/desired_lrp/desire.r2", Lrps.desireBody(GUID, 2)).json();
        assertEquals("ResourceExists", dup.path("error").path("type").asText());
    }

    @Test
    @Order(4)
    void aCrashedProcessIsRestarted() {
        String api = APIS.get(0);
        JsonNode before = Lrps.instance(api, GUID, 0);
        ProcessHandle process = Cluster.processOf(before.path("instance_guid").asText()).orElseThrow();
        process.destroyForcibly();
        Cluster.await("index 0 restarted after its crash", PATIENCE, () -> {
            JsonNode now = Lrps.instance(api, GUID, 0);
            return "RUNNING".equals(now.path("state").asText()) && now.path("crash_count").asInt() >= 1
                    && !now.path("instance_guid").asText().equals(before.path("instance_guid").asText());
        }, () -> Lrps.instance(api, GUID, 0));
    }

    @Test
    @Order(5)
    void convergenceCreatesAMissingInstance() throws Exception {
        String lost = Lrps.loseInstance(APIS.get(0), GUID, 1);
        Cluster.await("index 1 recreated and running", PATIENCE, () -> Lrps.allRunning(APIS.get(0), GUID, 2)
                        && !Lrps.instance(APIS.get(0), GUID, 1).path("instance_guid").asText().equals(lost),
                () -> Lrps.actuals(APIS.get(0), GUID));
    }


    @Test
    @Order(6)
    void instancesOnAVanishedCellAreReplacedOnALiveCell() throws Exception {
        String api = APIS.get(1);
        String victim = Lrps.instance(api, GUID, 1).path("cell_id").asText();
        long pid = Cluster.cellPid(victim);
        // The whole process group: the agent and its containers vanish together, like a lost VM.
        new ProcessBuilder("kill", "-KILL", "--", "-" + pid).inheritIO().start().waitFor();
        Cluster.await(victim + " gone from the cell list", PATIENCE, () -> !Cluster.liveCells(api).contains(victim), () -> Cluster.liveCells(api));
        Cluster.await("every instance running on a live cell", PATIENCE, () -> {
            if (!Lrps.allRunning(api, GUID, 2)) {
                return false;
            }
            for (JsonNode a : Lrps.actuals(api, GUID)) {
                if (a.path("cell_id").asText().equals(victim)) {
                    return false;
                }
            }
            return true;
        }, () -> Lrps.actuals(api, GUID));
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

            String lost = Lrps.loseInstance(survivor, GUID, 0);
            Cluster.await("the converger timer repairs on the survivor", PATIENCE, () -> Lrps.allRunning(survivor, GUID, 2)
                    && !Lrps.instance(survivor, GUID, 0).path("instance_guid").asText().equals(lost), () -> Lrps.actuals(survivor, GUID));

            String guid = "failover-app";
            JsonNode desired = Cluster.post(survivor, "/v1/desired_lrp/desire.r2", Lrps.desireBody(guid, 1)).json();
            assertFalse(desired.has("error"), desired.toString());
            Cluster.await("the auctioneer places on the survivor", PATIENCE, () -> Lrps.allRunning(survivor, guid, 1),
                    () -> Lrps.actuals(survivor, guid));
            Cluster.processOf(Lrps.instance(survivor, guid, 0).path("instance_guid").asText()).orElseThrow().destroyForcibly();
            Cluster.await("a crash restarted with one Payara instance", PATIENCE, () -> {
                JsonNode a = Lrps.instance(survivor, guid, 0);
                return "RUNNING".equals(a.path("state").asText()) && a.path("crash_count").asInt() >= 1;
            }, () -> Lrps.actuals(survivor, guid));
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
        Lrps.actuals(api, GUID).forEach(a -> guids.add(a.path("instance_guid").asText()));
        JsonNode removed = Cluster.post(api, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + GUID + "\"}").json();
        assertFalse(removed.has("error"), removed.toString());
        Cluster.await("no actual LRPs left", PATIENCE, () -> Lrps.actuals(api, GUID).isEmpty(), () -> Lrps.actuals(api, GUID));
        Cluster.await("their processes stopped", PATIENCE,
                () -> guids.stream().noneMatch(g -> Cluster.processOf(g).isPresent()), () -> guids);
        JsonNode again = Cluster.post(api, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + GUID + "\"}").json();
        assertEquals("ResourceNotFound", again.path("error").path("type").asText());
    }
}
