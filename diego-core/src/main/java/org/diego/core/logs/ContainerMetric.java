package org.diego.core.logs;

/**
 * One sample of a container's resource use, like Loggregator's ContainerMetric: {@code cpu_percentage}
 * is the CPU time used since the previous sample as a percentage of one core (so 200 means two busy
 * cores), memory and disk in bytes with their quotas (0: unlimited), taken at {@code timestamp_ns}
 * (nanoseconds since the epoch). The cluster stores it as this record's JSON under the instance guid.
 */
public record ContainerMetric(String processGuid, String instanceGuid, int index, double cpuPercentage,
                              long memoryBytes, long diskBytes, long memoryBytesQuota, long diskBytesQuota,
                              long timestampNs) {
}
