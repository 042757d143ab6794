package org.diego.cell;

import java.time.Duration;
import org.diego.cell.executor.CellExecutor;

/**
 * Tuning of the executor, with Diego's rep defaults: how often a legacy monitor checks a healthy
 * (30 s) and a starting (2 s) instance, which are also the declarative checks' default interval and
 * startup polling period, the download cache size (10 GB) under {@code <work-dir>/cache}, and how long a
 * reservation may wait for its run before it expires (Diego's {@code reserved_expiration_time}, 1 min).
 */
public record ExecutorOptions(Duration healthyMonitoringInterval, Duration unhealthyMonitoringInterval,
                              long downloadCacheMb, Duration reservationTtl) {
    public static final ExecutorOptions DEFAULT = new ExecutorOptions(Duration.ofSeconds(30), Duration.ofSeconds(2),
            10 * 1024);

    /** With the default reservation TTL. */
    public ExecutorOptions(Duration healthyMonitoringInterval, Duration unhealthyMonitoringInterval,
                           long downloadCacheMb) {
        this(healthyMonitoringInterval, unhealthyMonitoringInterval, downloadCacheMb,
                CellExecutor.DEFAULT_RESERVATION_TTL);
    }
}
