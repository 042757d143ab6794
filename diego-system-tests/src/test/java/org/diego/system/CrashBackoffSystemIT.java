package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A process that keeps crashing follows Diego's back-off (shrunk by the test properties to a 3 s
 * minimum): crashes 1 and 2 restart at once, crash 3 leaves the instance CRASHED until the back-off
 * has passed, and only then does convergence restart it.
 */
class CrashBackoffSystemIT {
    private static final long MIN_BACKOFF_NANOS = Duration.ofSeconds(3).toNanos();

    @Test
    void aCrashLoopFollowsTheBackOffSchedule() {
        String api = Cluster.apis().get(0);
        String guid = "crash-loop-app";
        String body = Lrps.desireBody(guid, 1).replace("while true; do sleep 1; done", "sleep 0.5; exit 3");
        JsonNode desired = Cluster.post(api, "/v1/desired_lrp/desire.r2", body).json();
        assertFalse(desired.has("error"), desired.toString());
        try {
            long crashedSince = -1;
            boolean sawImmediateRestart = false;
            Instant deadline = Instant.now().plusSeconds(90);
            while (Instant.now().isBefore(deadline)) {
                JsonNode a = Lrps.instance(api, guid, 0);
                int count = a.path("crash_count").asInt();
                String state = a.path("state").asText();
                if (count >= 1 && count < 3 && !"CRASHED".equals(state)) {
                    sawImmediateRestart = true;
                }
                if (count == 3 && "CRASHED".equals(state)) {
                    crashedSince = a.path("since").asLong();
                }
                if (count == 3 && crashedSince > 0 && !"CRASHED".equals(state)) {
                    long waited = System.currentTimeMillis() * 1_000_000L - crashedSince;
                    assertTrue(waited >= MIN_BACKOFF_NANOS, "restarted after " + waited / 1_000_000 + " ms");
                    assertTrue(sawImmediateRestart, "crashes 1 and 2 restart at once");
                    return;
                }
                if (count > 3) {
                    assertTrue(crashedSince > 0, "crash 3 must leave the instance CRASHED for its back-off");
                    return;
                }
                Cluster.sleep(200);
            }
            throw new AssertionError("no back-off restart seen: " + Lrps.actuals(api, guid));
        } finally {
            Cluster.post(api, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}");
        }
    }
}
