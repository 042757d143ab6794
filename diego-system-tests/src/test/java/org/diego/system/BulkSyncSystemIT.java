package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The cell's bulk sync (Diego's rep bulker) repairs what the BBS and the cell's containers disagree on.
 * Rows are changed behind the cluster's back in the database. Diego's StartActualLRP re-creates a missing
 * row, so a container whose row vanished is either adopted again by its cell's next sync or, when
 * convergence re-placed the index first, stopped because its replacement holds the index: in both
 * cases the index ends with exactly one RUNNING instance and exactly one container. A row held by an
 * instance guid no container has is removed by the cell, and convergence places the index again.
 *
 * <p>Patience covers the agent's default 30 s sync interval; the system-test cluster may run its cells
 * with a shorter one (DIEGO_CELL_ARGS in this module's pom).
 */
class BulkSyncSystemIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /** How long the repaired state must hold: a late duplicate would show within a few syncs. */
    private static final Duration STABLE = Duration.ofSeconds(10);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> APIS = Cluster.apis();

    @Test
    void aRowDeletedUnderALiveContainerComesBackExactlyOnce() throws Exception {
        String guid = "bulk-sync-deleted-" + RUN;
        String api = APIS.get(0);
        desire(api, guid);
        try {
            JsonNode before = Lrps.instance(api, guid, 0);
            try (Connection db = Cluster.database();
                 PreparedStatement delete = db.prepareStatement(
                         "DELETE FROM actual_lrps WHERE process_guid = ? AND instance_index = 0")) {
                delete.setString(1, guid);
                assertEquals(1, delete.executeUpdate());
            }
            String settled = awaitExactlyOne(api, guid);
            assertTrue(Cluster.processOf(settled).isPresent());
            // Which one survives depends on whether the sync or convergence came first; both are Diego's.
            System.out.println(guid + ": instance " + before.path("instance_guid").asText() + " deleted, "
                    + settled + " runs now");
        } finally {
            remove(api, guid);
        }
    }

    @Test
    void aRowWhoseContainerIsGoneIsRemovedAndTheIndexPlacedAgain() throws Exception {
        String guid = "bulk-sync-ghost-" + RUN;
        String ghost = "ghost-" + RUN;
        String api = APIS.get(0);
        desire(api, guid);
        try {
            try (Connection db = Cluster.database();
                 PreparedStatement update = db.prepareStatement("UPDATE actual_lrps SET instance_guid = ? "
                         + "WHERE process_guid = ? AND instance_index = 0 AND presence = 0")) {
                update.setString(1, ghost);
                update.setString(2, guid);
                assertEquals(1, update.executeUpdate());
            }
            String settled = awaitExactlyOne(api, guid);
            assertFalse(settled.equals(ghost), "the row of a guid no container has was removed");
        } finally {
            remove(api, guid);
        }
    }

    /** A unique variable marks the app's container processes, so they can be counted across cells. */
    private static String marker(String guid) {
        return "BULK_SYNC_APP=" + guid;
    }

    private static void desire(String api, String guid) {
        String body = Lrps.desireBody(guid, 1).replace("{\"name\": \"GREETING\", \"value\": \"hello\"}",
                "{\"name\": \"BULK_SYNC_APP\", \"value\": \"" + guid + "\"}");
        assertTrue(body.contains("BULK_SYNC_APP"), body);
        JsonNode desired = Cluster.post(api, "/v1/desired_lrp/desire.r2", body).json();
        assertFalse(desired.has("error"), desired.toString());
        Cluster.await(guid + " running", PATIENCE, () -> Lrps.allRunning(api, guid, 1)
                && Cluster.containerRoots(marker(guid)).size() == 1, () -> Lrps.actuals(api, guid));
    }

    private static void remove(String api, String guid) {
        Cluster.post(api, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}");
    }

    /**
     * Polls every 200 ms until index 0 has one RUNNING ORDINARY row whose instance has a live container and
     * no other container of the app lives, then checks that this holds for {@link #STABLE}. Never may the
     * index show two RUNNING rows. Returns the surviving instance guid.
     */
    private static String awaitExactlyOne(String api, String guid) {
        List<String> history = new ArrayList<>();
        Instant deadline = Instant.now().plus(PATIENCE);
        Instant stableSince = null;
        String settled = null;
        while (true) {
            assertTrue(Instant.now().isBefore(deadline), "index 0 of " + guid + " did not settle on one instance: "
                    + history.subList(Math.max(0, history.size() - 15), history.size()));
            JsonNode rows = Lrps.actuals(api, guid);
            int running = 0;
            String runningGuid = null;
            for (JsonNode a : rows) {
                if ("RUNNING".equals(a.path("state").asText())) {
                    running++;
                    runningGuid = "ORDINARY".equals(a.path("presence").asText()) ? a.path("instance_guid").asText() : null;
                }
            }
            history.add(Instant.now() + " " + rows);
            assertTrue(running <= 1, "index 0 of " + guid + " RUNNING twice: " + rows);
            boolean one = running == 1 && runningGuid != null
                    && Cluster.containerRoots(marker(guid)).size() == 1 && Cluster.processOf(runningGuid).isPresent();
            if (!one || !runningGuid.equals(settled)) {
                stableSince = one ? Instant.now() : null;
                settled = one ? runningGuid : null;
            } else if (Duration.between(stableSince, Instant.now()).compareTo(STABLE) >= 0) {
                return settled;
            }
            Cluster.sleep(200);
        }
    }
}
