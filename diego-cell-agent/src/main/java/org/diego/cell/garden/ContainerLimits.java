package org.diego.cell.garden;

/**
 * Resource limits of a container (Garden's Limits, reduced to what Diego sets). Zero means "no limit"
 * for every field, as in Garden.
 *
 * @param memoryBytes hard memory limit; Garden applies the same value to memory+swap
 * @param diskBytes   requested disk limit; whether it is enforced depends on the backend
 * @param maxPids     maximum number of processes/threads (Diego's max_pids)
 * @param cpuShares   relative CPU weight (cgroup cpu.shares)
 */
public record ContainerLimits(long memoryBytes, long diskBytes, int maxPids, long cpuShares) {
    public static final ContainerLimits NONE = new ContainerLimits(0, 0, 0, 0);

    /** Diego's executor: {@code container_max_cpu_shares} default. */
    static final long MAX_CPU_SHARES = 1024;
    /** nsync's cpu_weight bounds: memory below/above these counts as these. */
    static final int MIN_CPU_PROXY_MB = 128;
    static final int MAX_CPU_PROXY_MB = 8192;

    public ContainerLimits {
        if (memoryBytes < 0 || diskBytes < 0 || maxPids < 0 || cpuShares < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }

    /**
     * The limits Diego gives an instance. Our DesiredLRP carries no cpu_weight, so it is derived from
     * memory the way nsync derived it for every CF app (100 · clamp(memory, 128, 8192) / 8192), then
     * turned into shares as the executor does (1024 · weight / 100).
     */
    public static ContainerLimits forInstance(int memoryMb, int diskMb, int maxPids) {
        long clamped = Math.max(MIN_CPU_PROXY_MB, Math.min(MAX_CPU_PROXY_MB, memoryMb));
        long weight = 100 * clamped / MAX_CPU_PROXY_MB;
        return new ContainerLimits(memoryMb * 1024L * 1024L, diskMb * 1024L * 1024L, maxPids,
                MAX_CPU_SHARES * weight / 100);
    }
}
