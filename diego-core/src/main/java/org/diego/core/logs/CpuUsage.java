package org.diego.core.logs;

/**
 * CPU percentage between two samples of a container's cumulative CPU time, as Diego's executor derives
 * it from Garden's metrics: CPU nanoseconds used divided by wall nanoseconds elapsed, times 100 (so it
 * may exceed 100 on several cores). The first sample, a clock that did not advance, or a counter that
 * went backwards (the container's processes were replaced) gives 0.
 */
public final class CpuUsage {
    private CpuUsage() {
    }

    public static double percentage(long previousCpuNs, long previousAtNs, long cpuNs, long atNs) {
        long wall = atNs - previousAtNs;
        long used = cpuNs - previousCpuNs;
        if (previousAtNs <= 0 || wall <= 0 || used < 0) {
            return 0;
        }
        return 100.0 * used / wall;
    }
}
