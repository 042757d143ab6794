package org.diego.cell.rep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.diego.core.messages.CellHeartbeat;
import org.diego.core.model.CellPresence;
import org.diego.core.model.CellPresence.CellCapacity;
import org.diego.core.model.ValidationException;
import org.junit.jupiter.api.Test;

class PresenceHeartbeatTest {
    private final CellPresence presence = new CellPresence("cell-1", "127.0.0.1", "z1",
            new CellCapacity(4096, 8192, 64), List.of(), List.of("gpu"), List.of(), "");

    @Test
    void sendsThePresenceWithThreeIntervalsToLive() {
        List<CellHeartbeat> sent = new ArrayList<>();
        List<Duration> ttls = new ArrayList<>();
        PresenceHeartbeat heartbeat = new PresenceHeartbeat(presence, (hb, ttl) -> {
            sent.add(hb);
            ttls.add(ttl);
        }, Duration.ofSeconds(5));

        heartbeat.run();
        heartbeat.run();

        assertEquals(List.of(new CellHeartbeat(presence), new CellHeartbeat(presence)), sent);
        assertEquals(Duration.ofSeconds(15), ttls.get(0));
    }

    @Test
    void aFailedSendNeverEscapesTheSchedule() {
        int[] attempts = {0};
        PresenceHeartbeat heartbeat = new PresenceHeartbeat(presence, (hb, ttl) -> {
            attempts[0]++;
            throw new BbsUnavailableException("not connected to the broker");
        }, Duration.ofSeconds(5));

        heartbeat.run();
        heartbeat.run();

        assertEquals(2, attempts[0]);
    }

    @Test
    void refusesAnInvalidPresence() {
        CellPresence noId = new CellPresence(null, "a", "z1", new CellCapacity(1, 1, 1), null, null, null, "");
        assertThrows(ValidationException.class, () -> new PresenceHeartbeat(noId, (hb, ttl) -> { },
                Duration.ofSeconds(1)));
    }
}
