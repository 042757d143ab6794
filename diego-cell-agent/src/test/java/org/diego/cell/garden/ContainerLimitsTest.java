package org.diego.cell.garden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ContainerLimitsTest {
    @Test
    void anInstancesLimitsFollowDiegosExecutorAndNsync() {
        ContainerLimits limits = ContainerLimits.forInstance(1024, 2048, 100);
        assertEquals(1024L * 1024 * 1024, limits.memoryBytes());
        assertEquals(2048L * 1024 * 1024, limits.diskBytes());
        assertEquals(100, limits.maxPids());
        // cpu_weight = 100·1024/8192 = 12 → shares = 1024·12/100 = 122
        assertEquals(122, limits.cpuShares());
        assertEquals(10, ContainerLimits.forInstance(64, 0, 0).cpuShares(), "small apps count as 128 MB");
        assertEquals(1024, ContainerLimits.forInstance(16384, 0, 0).cpuShares(), "capped at weight 100");
        assertEquals(0, ContainerLimits.forInstance(0, 0, 0).memoryBytes(), "0 stays unlimited");
    }

    @Test
    void negativeLimitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ContainerLimits(-1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ContainerLimits(0, 0, -1, 0));
    }
}
