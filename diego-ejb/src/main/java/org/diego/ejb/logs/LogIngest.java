package org.diego.ejb.logs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.diego.core.json.Json;
import org.diego.core.logs.ContainerMetric;
import org.diego.core.logs.LogBatch;
import org.diego.core.logs.LogEnvelope;

/**
 * Takes one cell's batch apart: valid envelopes go to the recent buffer of their log guid and to live
 * subscribers, metrics to the metrics map. An invalid envelope or metric is skipped (and counted in the
 * log), the rest of the batch is kept.
 */
@ApplicationScoped
public class LogIngest {
    private static final Logger LOG = Logger.getLogger(LogIngest.class.getName());

    @Inject
    RecentLogs recent;
    @Inject
    LiveLogs live;
    @Inject
    ContainerMetrics metrics;

    private final AtomicLong droppedByCells = new AtomicLong();

    public LogIngest() {
    }

    LogIngest(RecentLogs recent, LiveLogs live, ContainerMetrics metrics) {
        this.recent = recent;
        this.live = live;
        this.metrics = metrics;
    }

    /** Stores and publishes the batch; the future completes when the grid has stored it (tests wait on it). */
    public CompletableFuture<Void> accept(LogBatch batch) {
        List<CompletableFuture<Void>> stored = new ArrayList<>();
        List<LogEnvelope> valid = new ArrayList<>();
        Map<String, List<String>> byGuid = new LinkedHashMap<>();
        int invalid = 0;
        for (LogEnvelope e : batch.envelopes()) {
            if (e == null || e.problem() != null) {
                invalid++;
                continue;
            }
            valid.add(e);
            byGuid.computeIfAbsent(e.logGuid(), g -> new ArrayList<>()).add(Json.write(e));
        }
        byGuid.forEach((guid, lines) -> stored.add(recent.append(guid, lines)));
        live.publish(valid);
        for (ContainerMetric m : batch.metrics()) {
            if (m == null || m.instanceGuid() == null || m.instanceGuid().isBlank() || m.processGuid() == null) {
                invalid++;
                continue;
            }
            stored.add(metrics.put(m));
        }
        if (invalid > 0) {
            int n = invalid;
            LOG.warning(() -> "cell " + batch.cellId() + ": skipped " + n
                    + " log line(s) or metric(s) without log_guid, message_type, message or instance_guid");
        }
        if (batch.dropped() > 0) {
            long total = droppedByCells.addAndGet(batch.dropped());
            LOG.info(() -> "cell " + batch.cellId() + " dropped " + batch.dropped()
                    + " log line(s) its buffer could not hold (" + total + " in all)");
        }
        return CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new));
    }
}
