package org.diego.ejb.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.diego.core.convergence.TaskConvergenceConfig;
import org.junit.jupiter.api.Test;

/** The task convergence properties reach the right durations (the three are easy to swap). */
class DiegoConfigTest {
    static DiegoConfig config(long kick, long pending, long completed) {
        DiegoConfig c = new DiegoConfig();
        c.kickTaskSeconds = kick;
        c.expirePendingTaskSeconds = pending;
        c.expireCompletedTaskSeconds = completed;
        return c;
    }

    @Test
    void taskConvergenceDurations() {
        assertEquals(TaskConvergenceConfig.DIEGO_DEFAULTS, config(30, 1800, 120).taskConvergence());
        assertEquals(new TaskConvergenceConfig(Duration.ofSeconds(3), Duration.ofSeconds(20), Duration.ofSeconds(10)),
                config(3, 20, 10).taskConvergence());
        assertThrows(IllegalArgumentException.class, () -> config(-1, 20, 10).taskConvergence());
    }
}
