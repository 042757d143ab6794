package org.diego.cell.logs;

import java.time.Duration;
import org.diego.core.logs.LineSplitter;

/**
 * Tuning of log and metric forwarding.
 *
 * @param metricsInterval how often container metrics are sampled (Diego: 15 s)
 * @param flushInterval   how often output files are read and buffered lines sent
 * @param bufferLines     lines held while the cluster cannot take them; the oldest go first
 * @param timeToLive      how long a batch may wait in the broker before it expires unread
 */
public record LogConfig(Duration metricsInterval, Duration flushInterval, int bufferLines, Duration timeToLive) {
    public static final LogConfig DEFAULT = new LogConfig(Duration.ofSeconds(15), Duration.ofMillis(200), 10_000,
            Duration.ofMinutes(1));
    /** Diego's executor's limit on one message; longer lines are cut. */
    public static final int MAX_LINE_BYTES = LineSplitter.DEFAULT_MAX_LINE_BYTES;
    /** Per file and poll, so one chatty container cannot hold up the others. */
    public static final int MAX_BYTES_PER_POLL = 256 * 1024;
    public static final int MAX_BATCH_LINES = 1000;
    public static final int MAX_BATCH_BYTES = 512 * 1024;

    public LogConfig {
        if (!positive(metricsInterval) || !positive(flushInterval) || !positive(timeToLive)) {
            throw new IllegalArgumentException("log and metric intervals must be positive");
        }
        if (bufferLines <= 0) {
            throw new IllegalArgumentException("the log buffer must hold at least one line: " + bufferLines);
        }
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }
}
