package org.diego.cell.logs;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.diego.cell.executor.ContainerLogs;
import org.diego.cell.executor.RunRequest;
import org.diego.cell.executor.steps.StepLog;
import org.diego.cell.garden.ContainerInfo;
import org.diego.core.model.EnvironmentVariable;

/**
 * The executor's {@link ContainerLogs}: for a container with a log guid (Diego streams nothing without
 * one) its step log also forwards to the sink, and its output files are followed until it is destroyed.
 * The source instance is the instance index (the rep's {@code INSTANCE_INDEX}), "0" for tasks.
 */
public final class LogCapture implements ContainerLogs {
    private final LogSink sink;
    private final Clock clock;
    private final int maxLineBytes;
    private final int maxBytesPerPoll;
    private final Map<String, OutputTailer> tailers = new ConcurrentHashMap<>();

    public LogCapture(LogSink sink, Clock clock, int maxLineBytes, int maxBytesPerPoll) {
        this.sink = sink;
        this.clock = clock;
        this.maxLineBytes = maxLineBytes;
        this.maxBytesPerPoll = maxBytesPerPoll;
    }

    @Override
    public StepLog started(String guid, Map<String, String> tags, RunRequest request, ContainerInfo info,
                           StepLog agentLog) {
        String logGuid = request.recipe().logGuid();
        if (logGuid.isEmpty()) {
            return agentLog;
        }
        ContainerLogStream stream = new ContainerLogStream(logGuid, instanceIndex(request), agentLog.source(), sink,
                clock);
        if (info != null && info.path() != null) {
            tailers.put(guid, new OutputTailer(info.path(), stream, maxLineBytes, maxBytesPerPoll));
        }
        return new ForwardingStepLog(agentLog, stream);
    }

    @Override
    public void destroyed(String guid) {
        OutputTailer tailer = tailers.remove(guid);
        if (tailer != null) {
            tailer.close();
        }
    }

    /** Reads every followed container's new output once. */
    public void pollAll() {
        tailers.values().forEach(OutputTailer::poll);
    }

    public int followed() {
        return tailers.size();
    }

    private static String instanceIndex(RunRequest request) {
        return request.env().stream().filter(v -> "INSTANCE_INDEX".equals(v.name()))
                .map(EnvironmentVariable::value).filter(v -> v != null && !v.isEmpty()).findFirst().orElse("0");
    }
}
