package org.diego.cell.logs;

import java.time.Clock;
import java.time.Instant;
import org.diego.core.logs.LogEnvelope;
import org.diego.core.logs.LogMessageType;

/**
 * One container's log stream, as Diego's executor keeps its LogConfig: the log guid, the source instance
 * (the instance index) and the source its processes' output is tagged with, which is the source of the
 * last run step that started a process whose output is kept (all processes of a container write to the
 * same files here, so output cannot be told apart by process).
 */
final class ContainerLogStream {
    private final String logGuid;
    private final String sourceInstance;
    private final LogSink sink;
    private final Clock clock;
    private volatile String outputSource;

    ContainerLogStream(String logGuid, String sourceInstance, String outputSource, LogSink sink, Clock clock) {
        this.logGuid = logGuid;
        this.sourceInstance = sourceInstance;
        this.outputSource = outputSource;
        this.sink = sink;
        this.clock = clock;
    }

    void outputFrom(String source) {
        if (source != null && !source.isEmpty()) {
            outputSource = source;
        }
    }

    String outputSource() {
        return outputSource;
    }

    /** One envelope per line of {@code message}; a message that is only blank is not sent. */
    void emit(String source, LogMessageType type, String message) {
        if (message == null || message.isBlank()) {
            return;
        }
        long now = nanos(clock.instant());
        for (String line : message.strip().split("[\r\n]+")) {
            sink.log(new LogEnvelope(logGuid, source, sourceInstance, type, line, now));
        }
    }

    /** A process output line, already split, tagged with the current output source. */
    void emitOutput(LogMessageType type, String line) {
        sink.log(new LogEnvelope(logGuid, outputSource, sourceInstance, type, line, nanos(clock.instant())));
    }

    static long nanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }
}
