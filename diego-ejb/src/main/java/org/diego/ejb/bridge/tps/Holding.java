package org.diego.ejb.bridge.tps;

import java.time.Clock;
import java.time.Duration;

/**
 * Whether this instance may act for a role between the role timer's ticks: from a successful hold
 * until three quarters of the lease later. The lease keeps every other instance out for its whole
 * length, so the quarter left over absorbs the delay between taking the lease and recording it here:
 * two instances never both think they hold the role (clocks agreeing).
 */
public final class Holding {
    private final Clock clock;
    private volatile long untilMillis = Long.MIN_VALUE;

    public Holding(Clock clock) {
        this.clock = clock;
    }

    /** Called right after the role was taken or renewed for {@code lease}. */
    public void held(Duration lease) {
        untilMillis = clock.millis() + lease.toMillis() * 3 / 4;
    }

    public boolean holding() {
        return clock.millis() < untilMillis;
    }

    public void release() {
        untilMillis = Long.MIN_VALUE;
    }
}
