package org.diego.cell;

import java.time.Duration;

/**
 * Tuning of the executor's steps, with Diego's rep defaults: how often a legacy monitor checks a healthy
 * (30 s) and a starting (2 s) instance, which are also the declarative checks' default interval and
 * startup polling period, and the download cache size (10 GB) under {@code <work-dir>/cache}.
 */
public record ExecutorOptions(Duration healthyMonitoringInterval, Duration unhealthyMonitoringInterval,
                              long downloadCacheMb) {
    public static final ExecutorOptions DEFAULT = new ExecutorOptions(Duration.ofSeconds(30), Duration.ofSeconds(2),
            10 * 1024);
}
