package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A cell agent that stops answering (SIGSTOP: a hung rep or a partitioned host, whose containers go on
 * running) loses its presence: its instances become SUSPECT (still routable) and convergence places
 * ORDINARY replacements on the live cell; each suspect is deleted once its replacement is RUNNING. When
 * the agent comes back, its bulk sync stops the stale containers, and every index ends with exactly one
 * RUNNING instance and one container: nothing is duplicated (issue 4, Diego's §5.3).
 */
class CellLossSystemIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STABLE = Duration.ofSeconds(10);
    private static final int INSTANCES = 4;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aCellThatComesBackAfterItsInstancesWereReplacedDuplicatesNothing() throws Exception {
        String api = Cluster.apis().get(0);
        String guid = "cell-loss-" + RUN;
        desire(api, guid);
        try {
            Map<Integer, String> before = placements(api, guid);
            String victim = before.get(0);
            Set<Integer> lost = new HashSet<>();
            before.forEach((index, cell) -> {
                if (cell.equals(victim)) {
                    lost.add(index);
                }
            });
            // The SUSPECT window lasts from the pass that marks it to its replacement's start, which can be
            // shorter than a poll: the victim's instance event stream tells of every suspect as well.
            BlockingQueue<SseStream.Event> events = new LinkedBlockingQueue<>();
            HttpResponse<Stream<String>> stream = EventStreamSystemIT.subscribe(api, "/v1/events/lrp_instances.r1",
                    "{\"cell_id\": \"" + victim + "\"}", events);
            long pid = Cluster.cellPid(victim);
            try {
                SseStream.awaitLive(api, events);
                signal("STOP", pid);
                Cluster.await(victim + " gone from the cell list", PATIENCE,
                        () -> !Cluster.liveCells(api).contains(victim), () -> Cluster.liveCells(api));
                Set<Integer> suspected = new HashSet<>();
                Instant deadline = Instant.now().plus(PATIENCE);
                while (!suspectedAndReplaced(Lrps.actuals(api, guid), victim, lost, suspected)) {
                    suspected.addAll(suspectsAnnounced(events, guid));
                    assertTrue(Instant.now().isBefore(deadline), "lost " + lost + " not suspected, then replaced; suspects seen "
                            + suspected + ", rows " + Lrps.actuals(api, guid));
                    Cluster.sleep(100);
                }
            } finally {
                signal("CONT", pid);
                stream.body().close();
            }
            Cluster.await(victim + " back", PATIENCE, () -> Cluster.liveCells(api).contains(victim), () -> Cluster.liveCells(api));
            awaitExactlyOnePerIndex(api, guid);
        } finally {
            Cluster.post(api, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}");
        }
    }

    /** Indices of {@code guid} that events (taken from the queue) show turning SUSPECT. */
    private static Set<Integer> suspectsAnnounced(BlockingQueue<SseStream.Event> events, String guid) {
        Set<Integer> out = new HashSet<>();
        List<SseStream.Event> taken = new ArrayList<>();
        events.drainTo(taken);
        for (SseStream.Event e : taken) {
            if (!"actual_lrp_instance_changed".equals(e.name())) {
                continue;
            }
            JsonNode changed;
            try {
                changed = JSON.readTree(e.data());
            } catch (java.io.IOException notJson) {
                continue;
            }
            if (guid.equals(changed.path("process_guid").asText())
                    && "SUSPECT".equals(changed.path("after").path("presence").asText())) {
                out.add(changed.path("index").asInt());
            }
        }
        return out;
    }

    /**
     * Every lost index was seen as a SUSPECT row on the victim (collected across polls into
     * {@code suspects}) and now runs as an ORDINARY row elsewhere.
     */
    private static boolean suspectedAndReplaced(JsonNode rows, String victim, Set<Integer> lost, Set<Integer> suspects) {
        Set<Integer> replaced = new HashSet<>();
        for (JsonNode a : rows) {
            int index = a.path("index").asInt();
            String presence = a.path("presence").asText("ORDINARY");
            if ("SUSPECT".equals(presence) && victim.equals(a.path("cell_id").asText())) {
                suspects.add(index);
            } else if ("ORDINARY".equals(presence) && "RUNNING".equals(a.path("state").asText())
                    && !victim.equals(a.path("cell_id").asText())) {
                replaced.add(index);
            }
        }
        return suspects.containsAll(lost) && replaced.containsAll(lost);
    }

    /**
     * Polls until each index has one RUNNING ORDINARY row, no other row, and the app has exactly one
     * container per index; this must then hold for {@link #STABLE}. No index may ever run two ORDINARY rows.
     */
    private static void awaitExactlyOnePerIndex(String api, String guid) {
        List<String> history = new ArrayList<>();
        Instant deadline = Instant.now().plus(PATIENCE);
        Instant stableSince = null;
        while (true) {
            assertTrue(Instant.now().isBefore(deadline), guid + " did not settle on one instance per index: "
                    + history.subList(Math.max(0, history.size() - 10), history.size()));
            JsonNode rows = Lrps.actuals(api, guid);
            int containers = Cluster.containerRoots(marker(guid)).size();
            history.add(Instant.now() + " containers=" + containers + " " + rows);
            Map<Integer, Integer> ordinaryRunning = new HashMap<>();
            for (JsonNode a : rows) {
                if ("RUNNING".equals(a.path("state").asText()) && "ORDINARY".equals(a.path("presence").asText("ORDINARY"))) {
                    ordinaryRunning.merge(a.path("index").asInt(), 1, Integer::sum);
                }
            }
            assertFalse(ordinaryRunning.values().stream().anyMatch(n -> n > 1), "an index RUNNING twice: " + rows);
            boolean settled = rows.size() == INSTANCES && ordinaryRunning.size() == INSTANCES && containers == INSTANCES;
            if (!settled) {
                stableSince = null;
            } else if (stableSince == null) {
                stableSince = Instant.now();
            } else if (Duration.between(stableSince, Instant.now()).compareTo(STABLE) >= 0) {
                return;
            }
            Cluster.sleep(300);
        }
    }

    private static Map<Integer, String> placements(String api, String guid) {
        Map<Integer, String> cells = new HashMap<>();
        Lrps.actuals(api, guid).forEach(a -> cells.put(a.path("index").asInt(), a.path("cell_id").asText()));
        return cells;
    }

    private static String marker(String guid) {
        return "CELL_LOSS_APP=" + guid;
    }

    private static void desire(String api, String guid) {
        String body = Lrps.desireBody(guid, INSTANCES).replace("{\"name\": \"GREETING\", \"value\": \"hello\"}",
                "{\"name\": \"CELL_LOSS_APP\", \"value\": \"" + guid + "\"}");
        assertTrue(body.contains("CELL_LOSS_APP"), body);
        JsonNode desired = Cluster.post(api, "/v1/desired_lrp/desire.r2", body).json();
        assertFalse(desired.has("error"), desired.toString());
        Cluster.await(guid + " running", PATIENCE, () -> Lrps.allRunning(api, guid, INSTANCES)
                && Cluster.containerRoots(marker(guid)).size() == INSTANCES, () -> Lrps.actuals(api, guid));
    }

    /** Signals the agent alone, not its process group: its containers go on running. */
    private static void signal(String name, long pid) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor();
    }
}
