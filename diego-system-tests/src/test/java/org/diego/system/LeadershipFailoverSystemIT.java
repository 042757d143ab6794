package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A Payara instance that dies without warning (kill -9) holding a role: the role expires and moves
 * to the other instance, whose timer then does the dead one's job, losing and duplicating nothing.
 */
class LeadershipFailoverSystemIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Test
    void theConvergerRoleMovesWhenItsHolderIsKilled() throws Exception {
        JsonNode holders = Cluster.get(Cluster.apis().get(0), "/v1/roles").json().path("holders");
        String holder = holders.path("converger").asText();
        String victim = holder.substring(0, holder.indexOf(':'));
        long pid = Long.parseLong(holder.substring(holder.indexOf(':') + 1));
        int survivorIdx = victim.equals(Cluster.INSTANCES.get(0)) ? 1 : 0;
        String survivor = Cluster.apis().get(survivorIdx);
        String survivorName = Cluster.INSTANCES.get(survivorIdx);

        String guid = "kill9-app";
        JsonNode desired = Cluster.post(survivor, "/v1/desired_lrp/desire.r2",
                Lrps.desireBody(guid, 2)).json();
        assertFalse(desired.has("error"), desired.toString());
        Cluster.await("2 running", PATIENCE, () -> Lrps.allRunning(survivor, guid, 2),
                () -> Lrps.actuals(survivor, guid));

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        try {
            Cluster.await("converger role taken by " + survivorName, PATIENCE, () -> Cluster.get(survivor, "/v1/roles")
                    .json().path("holders").path("converger").asText().startsWith(survivorName + ":"),
                    () -> Cluster.get(survivor, "/v1/roles").body());
            String lost = Lrps.loseInstance(survivor, guid, 1);
            Cluster.await("the surviving converger repairs", PATIENCE, () -> Lrps.allRunning(survivor, guid, 2)
                    && !Lrps.instance(survivor, guid, 1).path("instance_guid").asText().equals(lost),
                    () -> Lrps.actuals(survivor, guid));
            Cluster.post(survivor, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}");
        } finally {
            Cluster.diego("asadmin", "start-instance", victim);
        }
        String restarted = Cluster.apis().get(1 - survivorIdx);
        Cluster.await(victim + " serving again", Duration.ofSeconds(180),
                () -> Cluster.post(restarted, "/v1/ping", "").status() == 200, () -> "no answer");
    }

    /**
     * The auctioneer's instance dies (kill -9) right after a desire: every start is placed once the
     * role has moved, none is lost and none runs twice.
     */
    @Test
    void killingTheAuctioneersInstanceLosesAndDuplicatesNoStart() throws Exception {
        String holder = Cluster.get(Cluster.apis().get(0), "/v1/roles").json().path("holders").path("auctioneer").asText();
        String victim = holder.substring(0, holder.indexOf(':'));
        long pid = Long.parseLong(holder.substring(holder.indexOf(':') + 1));
        int survivorIdx = victim.equals(Cluster.INSTANCES.get(0)) ? 1 : 0;
        String survivor = Cluster.apis().get(survivorIdx);
        String guid = "auction-failover-app";
        String body = Lrps.desireBody(guid, 4).replace("{\"name\": \"GREETING\", \"value\": \"hello\"}",
                "{\"name\": \"APP_GUID\", \"value\": \"" + guid + "\"}");

        JsonNode desired = Cluster.post(survivor, "/v1/desired_lrp/desire.r2", body).json();
        assertFalse(desired.has("error"), desired.toString());
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        try {
            Cluster.await("4 running after the auctioneer moved", PATIENCE, () -> Lrps.allRunning(survivor, guid, 4),
                    () -> Lrps.actuals(survivor, guid) + " " + Cluster.get(survivor, "/v1/roles").body());
            Cluster.sleep(5_000); // a duplicate start would have landed by now
            assertEquals(4, Cluster.containerRoots("APP_GUID=" + guid).size(), "one container per index, none twice");
            Cluster.post(survivor, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}");
            Cluster.await("removed", PATIENCE, () -> Cluster.containerRoots("APP_GUID=" + guid).isEmpty(), () -> "still running");
        } finally {
            Cluster.diego("asadmin", "start-instance", victim);
        }
        String restarted = Cluster.apis().get(1 - survivorIdx);
        Cluster.await(victim + " serving again", Duration.ofSeconds(180),
                () -> Cluster.post(restarted, "/v1/ping", "").status() == 200, () -> "no answer");
    }
}
