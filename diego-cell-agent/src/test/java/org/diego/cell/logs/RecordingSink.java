package org.diego.cell.logs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.diego.core.logs.ContainerMetric;
import org.diego.core.logs.LogEnvelope;

/** Keeps whatever is logged, for assertions. */
final class RecordingSink implements LogSink {
    final List<LogEnvelope> lines = new CopyOnWriteArrayList<>();
    final List<ContainerMetric> metrics = new CopyOnWriteArrayList<>();

    @Override
    public void log(LogEnvelope envelope) {
        lines.add(envelope);
    }

    @Override
    public void metric(ContainerMetric metric) {
        metrics.add(metric);
    }

    /** "SOURCE/instance OUT|ERR message" per line. */
    List<String> described() {
        return lines.stream().map(e -> e.sourceType() + "/" + e.sourceInstance() + " " + e.messageType() + " "
                + e.message()).toList();
    }
}
