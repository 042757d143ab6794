package org.diego.cell.logs;

import org.diego.cell.executor.steps.StepLog;
import org.diego.core.logs.LogMessageType;

/**
 * A step log that writes to the agent log as before and forwards each line to the container's log
 * stream under the step's source: Diego's emit_progress messages, exit statuses and health check
 * results reach the app's log as they do through Diego's executor.
 */
final class ForwardingStepLog implements StepLog {
    private final StepLog agentLog;
    private final ContainerLogStream stream;

    ForwardingStepLog(StepLog agentLog, ContainerLogStream stream) {
        this.agentLog = agentLog;
        this.stream = stream;
    }

    @Override
    public String source() {
        return agentLog.source();
    }

    @Override
    public StepLog withSource(String source) {
        StepLog other = agentLog.withSource(source);
        return other == agentLog ? this : new ForwardingStepLog(other, stream);
    }

    @Override
    public void out(String message) {
        agentLog.out(message);
        stream.emit(source(), LogMessageType.OUT, message);
    }

    @Override
    public void err(String message) {
        agentLog.err(message);
        stream.emit(source(), LogMessageType.ERR, message);
    }

    @Override
    public void processStarted() {
        stream.outputFrom(source());
    }
}
