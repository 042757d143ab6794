package org.diego.core.model;

import java.time.Duration;

/**
 * Diego's crash back-off (bbs RestartCalculator): the first crashes restart at once, later ones wait
 * 30 s doubling to a 16 min cap, and an instance that crashed 200 times is never restarted again.
 */
public record RestartPolicy(int immediateRestarts, int maxRestarts, Duration minBackoff, Duration maxBackoff,
                            Duration crashResetTimeout) {

    public static final RestartPolicy DEFAULT = new RestartPolicy(3, 200, Duration.ofSeconds(30),
            Duration.ofMinutes(16), Duration.ofMinutes(5));

    /** True when the crash that brought the count to {@code crashCount} restarts without waiting. */
    public boolean restartsImmediately(int crashCount) {
        return crashCount < immediateRestarts;
    }

    /** How long a CRASHED instance with this count waits, or null when it is never restarted. */
    public Duration backoff(int crashCount) {
        if (crashCount >= maxRestarts) {
            return null;
        }
        if (restartsImmediately(crashCount)) {
            return Duration.ZERO;
        }
        int doublings = Math.min(crashCount - immediateRestarts, maxDoublings());
        Duration wait = minBackoff.multipliedBy(1L << doublings);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /** Convergence's question: has a CRASHED instance crashed-at {@code sinceNanos} waited long enough? */
    public boolean shouldRestart(long nowNanos, long sinceNanos, int crashCount) {
        Duration wait = backoff(crashCount);
        return wait != null && nowNanos - sinceNanos >= wait.toNanos();
    }

    private int maxDoublings() {
        long ratio = (maxBackoff.toNanos() + minBackoff.toNanos() - 1) / minBackoff.toNanos();
        return 63 - Long.numberOfLeadingZeros(Math.max(1, ratio));
    }
}
