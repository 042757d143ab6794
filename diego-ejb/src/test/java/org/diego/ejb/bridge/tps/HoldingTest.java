package org.diego.ejb.bridge.tps;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The watcher posts only within three quarters of its last lease. */
class HoldingTest {
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void holdsForThreeQuartersOfTheLease() {
        MovableClock clock = new MovableClock();
        Holding h = new Holding(clock);
        assertFalse(h.holding(), "never held");
        h.held(Duration.ofSeconds(8));
        clock.now = clock.now.plusMillis(5999);
        assertTrue(h.holding());
        clock.now = clock.now.plusMillis(1);
        assertFalse(h.holding());
        h.held(Duration.ofSeconds(8));
        assertTrue(h.holding());
        h.release();
        assertFalse(h.holding());
    }
}
