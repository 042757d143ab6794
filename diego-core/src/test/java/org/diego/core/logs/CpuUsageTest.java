package org.diego.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CpuUsageTest {
    @Test
    void cpuTimeOverWallTime() {
        assertEquals(50.0, CpuUsage.percentage(1_000, 1_000_000_000L, 500_001_000, 2_000_000_000L), 1e-9);
        assertEquals(200.0, CpuUsage.percentage(0, 1, 2_000, 1_001), 1e-9);
    }

    @Test
    void firstSampleStalledClockOrResetCounterIsZero() {
        assertEquals(0.0, CpuUsage.percentage(0, 0, 5_000, 10));
        assertEquals(0.0, CpuUsage.percentage(0, 10, 5_000, 10));
        assertEquals(0.0, CpuUsage.percentage(9_000, 10, 5_000, 20));
    }
}
