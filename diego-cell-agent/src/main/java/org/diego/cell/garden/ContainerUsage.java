package org.diego.cell.garden;

/**
 * What a container uses now (Garden's ContainerMetricsEntry, reduced to what the executor reports):
 * memory in bytes, cumulative CPU time in nanoseconds since its processes started (the caller turns two
 * samples into a percentage), and bytes on disk.
 */
public record ContainerUsage(long memoryBytes, long cpuNanos, long diskBytes) {
}
