package org.diego.cell.logs;

import org.diego.core.logs.ContainerMetric;
import org.diego.core.logs.LogEnvelope;

/** Takes log lines and metrics for forwarding; must never block (callers include step threads). */
public interface LogSink {
    void log(LogEnvelope envelope);

    void metric(ContainerMetric metric);
}
