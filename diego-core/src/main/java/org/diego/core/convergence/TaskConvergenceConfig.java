package org.diego.core.convergence;

import java.time.Duration;
import java.util.Objects;

/**
 * Task convergence's three durations (Diego's {@code kick_task_duration}, {@code expire_pending_task_duration},
 * {@code expire_completed_task_duration}). Negative durations are refused: they would act on every task.
 *
 * @param kick            a RESOLVING task untouched this long is demoted; a COMPLETED one gets its callback again
 * @param expirePending   a PENDING task created longer ago than this fails
 * @param expireCompleted a COMPLETED task first completed longer ago than this is deleted
 */
public record TaskConvergenceConfig(Duration kick, Duration expirePending, Duration expireCompleted) {
    /** Diego's defaults: 30 s, 30 min, 2 min. */
    public static final TaskConvergenceConfig DIEGO_DEFAULTS =
            new TaskConvergenceConfig(Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofMinutes(2));

    public TaskConvergenceConfig {
        requireNonNegative("kick", kick);
        requireNonNegative("expirePending", expirePending);
        requireNonNegative("expireCompleted", expireCompleted);
    }

    private static void requireNonNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }
}
