package org.diego.cell.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.diego.core.logs.ContainerMetric;
import org.diego.core.logs.DropOldestBuffer;
import org.diego.core.logs.LogBatch;
import org.diego.core.logs.LogEnvelope;

/**
 * Buffers log lines and the latest metric of each container, and hands them to a {@link BatchSender}
 * in batches of at most {@code maxBatchLines} lines and about {@code maxBatchBytes} of text. Adding never
 * blocks: when the buffer is full the oldest line is dropped, and the count of dropped lines travels
 * with the next batch. A batch that cannot be sent goes back into the buffer (as far as room allows) for
 * the next flush; a metric is only ever replaced by a newer one of the same container.
 */
public final class LogShipper implements LogSink {
    /** Per-envelope allowance for the JSON around the message. */
    private static final int ENVELOPE_OVERHEAD = 160;
    /** Batches per flush, so a backlog is sent over several flushes rather than in one long burst. */
    private static final int MAX_BATCHES_PER_FLUSH = 20;

    private final String cellId;
    private final DropOldestBuffer<LogEnvelope> lines;
    private final Map<String, ContainerMetric> metrics = new ConcurrentHashMap<>();
    private final int maxBatchLines;
    private final int maxBatchBytes;
    private long unreportedDrops; // guarded by this

    public LogShipper(String cellId, int capacity, int maxBatchLines, int maxBatchBytes) {
        if (maxBatchLines <= 0 || maxBatchBytes <= 0) {
            throw new IllegalArgumentException("batch limits must be positive");
        }
        this.cellId = cellId;
        this.lines = new DropOldestBuffer<>(capacity);
        this.maxBatchLines = maxBatchLines;
        this.maxBatchBytes = maxBatchBytes;
    }

    @Override
    public void log(LogEnvelope envelope) {
        lines.add(envelope);
    }

    @Override
    public void metric(ContainerMetric metric) {
        metrics.merge(metric.instanceGuid(), metric, (old, m) -> m.timestampNs() >= old.timestampNs() ? m : old);
    }

    /** Sends what is buffered; stops at the first failure, keeping what was not sent. Returns batches sent. */
    public synchronized int flush(BatchSender sender) {
        int sent = 0;
        while (sent < MAX_BATCHES_PER_FLUSH) {
            List<LogEnvelope> envelopes = takeBatch();
            List<ContainerMetric> batchMetrics = sent == 0 ? takeMetrics() : List.of();
            long dropped = unreportedDrops + lines.takeDropped();
            LogBatch batch = new LogBatch(cellId, envelopes, batchMetrics, dropped);
            if (batch.isEmpty()) {
                return sent;
            }
            try {
                sender.send(batch);
                unreportedDrops = 0;
                sent++;
            } catch (RuntimeException e) {
                lines.putBack(envelopes);
                batchMetrics.forEach(m -> metrics.putIfAbsent(m.instanceGuid(), m));
                unreportedDrops = dropped;
                throw e;
            }
        }
        return sent;
    }

    /** Lines waiting to be sent. */
    public int buffered() {
        return lines.size();
    }

    private List<LogEnvelope> takeBatch() {
        List<LogEnvelope> taken = lines.take(maxBatchLines);
        long bytes = 0;
        for (int i = 0; i < taken.size(); i++) {
            bytes += taken.get(i).message().length() + ENVELOPE_OVERHEAD;
            if (bytes > maxBatchBytes && i > 0) {
                lines.putBack(new ArrayList<>(taken.subList(i, taken.size())));
                return new ArrayList<>(taken.subList(0, i));
            }
        }
        return taken;
    }

    private List<ContainerMetric> takeMetrics() {
        List<ContainerMetric> taken = new ArrayList<>();
        for (String guid : List.copyOf(metrics.keySet())) {
            ContainerMetric m = metrics.remove(guid);
            if (m != null) {
                taken.add(m);
            }
        }
        return taken;
    }
}
