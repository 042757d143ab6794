package org.diego.core.logs;

import java.util.List;

/**
 * What a cell sends on {@link org.diego.core.messages.Destinations#LOGS_QUEUE}: the log lines and
 * container metrics gathered since its last batch, and how many lines it dropped meanwhile because its
 * buffer was full (the cluster counts them, as Loggregator reports dropped envelopes).
 */
public record LogBatch(String cellId, List<LogEnvelope> envelopes, List<ContainerMetric> metrics, long dropped) {
    public LogBatch {
        envelopes = envelopes == null ? List.of() : List.copyOf(envelopes);
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }

    public boolean isEmpty() {
        return envelopes.isEmpty() && metrics.isEmpty() && dropped == 0;
    }
}
