package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A runc cell agent killed with SIGKILL (issue 7: "a killed agent's instances are restarted elsewhere").
 * The test starts a second runc-tagged agent of its own beside {@code cell-3}, so the shared cluster keeps
 * its cells; the app spreads over both; {@code kill -9} leaves the victim's containers running with nobody
 * to report them. Its presence expires, its instances go SUSPECT and are replaced on {@code cell-3}. The
 * agent restarted on the same work dir destroys the containers it finds there, so every index ends with
 * one RUNNING instance and one container. Skipped where {@code cell-3} fell back to processes.
 */
class RuncAgentKillSystemIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String VICTIM = "cell-kill-" + RUN;
    private static final String API = Cluster.apis().get(0);
    private static final int INSTANCES = 4;

    @BeforeAll
    static void runcCell() throws IOException {
        Path log = Cluster.STATE.resolve("logs").resolve("cell-3.log");
        Assumptions.assumeTrue(Files.exists(log) && Files.readString(log).contains("runc backend: containers on"),
                "cell-3 runs no runc backend on this host (see " + log + ")");
    }

    @Test
    void aKilledAgentsInstancesAreRestartedElsewhereAndItsLeftoversGoWhenItReturns() throws Exception {
        String guid = "runc-kill-" + RUN;
        String marker = "RUNC_KILL_APP=" + guid;
        Process agent = startAgent();
        try {
            awaitLive(VICTIM);
            desire(guid);
            Cluster.await(guid + " running in " + INSTANCES + " containers", PATIENCE,
                    () -> Lrps.allRunning(API, guid, INSTANCES) && Cluster.containerRoots(marker).size() == INSTANCES,
                    () -> Lrps.actuals(API, guid));
            Set<Integer> lost = indicesOn(guid, VICTIM);
            assertFalse(lost.isEmpty(), "the auction placed nothing on " + VICTIM + ": " + Lrps.actuals(API, guid));

            agent.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no goodbye, no evacuation
            assertTrue(Cluster.containerRoots(marker).size() == INSTANCES,
                    "the killed agent's containers go on running without it");
            Cluster.await(VICTIM + " gone from the cell list", PATIENCE,
                    () -> !Cluster.liveCells(API).contains(VICTIM), () -> Cluster.liveCells(API));
            Cluster.await("indices " + lost + " RUNNING again on cell-3", PATIENCE,
                    () -> replacedOn(guid, lost, "cell-3"), () -> Lrps.actuals(API, guid));

            // Back on the same work dir, the agent destroys what its killed predecessor left running.
            agent = startAgent();
            awaitLive(VICTIM);
            Cluster.await("one container and one RUNNING instance per index", PATIENCE,
                    () -> Cluster.containerRoots(marker).size() == INSTANCES && indicesOn(guid, "cell-3").size() == INSTANCES
                            && Lrps.actuals(API, guid).size() == INSTANCES,
                    () -> Cluster.containerRoots(marker).size() + " containers, " + Lrps.actuals(API, guid));
        } finally {
            Cluster.post(API, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}");
            Cluster.await(guid + "'s containers gone", PATIENCE, () -> Cluster.containerRoots(marker).isEmpty(),
                    () -> Cluster.containerRoots(marker));
            stop(agent);
        }
    }

    /** A runc agent like {@code ./diego up}'s cell-3 (tag {@code runc}), on a container network of its own. */
    private static Process startAgent() throws IOException {
        // ./diego up's cells n = 1..5 take 10.253.16(n-1).0/20; this one the slot after them.
        return Cluster.startCell(VICTIM, List.of("--zone", "z9", "--backend", "runc",
                "--rootfs-dir", "cflinuxfs4=" + Cluster.STATE.resolve("rootfs/busybox"), "--placement-tags", "runc",
                "--container-network", "10.253.96.0/20", "--memory-mb", "4096", "--containers", "64"));
    }

    /** SIGTERM drains (nothing is left on it by now) and the agent exits; SIGKILL if it does not. */
    private static void stop(Process agent) throws InterruptedException {
        agent.destroy();
        if (!agent.waitFor(60, TimeUnit.SECONDS)) {
            agent.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void awaitLive(String cell) {
        Cluster.await(cell + " live", PATIENCE, () -> Cluster.liveCells(API).contains(cell), () -> Cluster.liveCells(API));
    }

    private static void desire(String guid) {
        String body = """
                {"desired_lrp": {"process_guid": "%s", "domain": "runc-it", "rootfs": "preloaded:cflinuxfs4",
                 "instances": %d, "memory_mb": 16, "disk_mb": 64, "ports": [8080], "placement_tags": ["runc"],
                 "env": [{"name": "RUNC_KILL_APP", "value": "%s"}],
                 "action": {"run": {"path": "/bin/sh", "args": ["-c", "exec sleep 3600"], "user": "vcap"}}}}
                """.formatted(guid, INSTANCES, guid);
        JsonNode desired = Cluster.post(API, "/v1/desired_lrp/desire.r2", body).json();
        assertFalse(desired.has("error") && !desired.path("error").isNull(), desired.toString());
    }

    /** Indices with a RUNNING ORDINARY instance on {@code cell}. */
    private static Set<Integer> indicesOn(String guid, String cell) {
        Set<Integer> indices = new HashSet<>();
        for (JsonNode a : Lrps.actuals(API, guid)) {
            if (cell.equals(a.path("cell_id").asText()) && "RUNNING".equals(a.path("state").asText())
                    && "ORDINARY".equals(a.path("presence").asText("ORDINARY"))) {
                indices.add(a.path("index").asInt());
            }
        }
        return indices;
    }

    private static boolean replacedOn(String guid, Set<Integer> lost, String cell) {
        return indicesOn(guid, cell).containsAll(lost);
    }
}
