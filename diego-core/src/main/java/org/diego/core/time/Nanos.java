package org.diego.core.time;

import java.time.Clock;
import java.time.Instant;

/** Diego timestamps are nanoseconds since the epoch. */
public final class Nanos {
    private Nanos() {
    }

    public static long now(Clock clock) {
        return of(clock.instant());
    }

    public static long of(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
