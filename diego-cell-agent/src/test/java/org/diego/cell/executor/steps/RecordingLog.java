package org.diego.cell.executor.steps;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every line written, prefixed "out: " or "err: ", with source switching like a streaming log. */
final class RecordingLog implements StepLog {
    final List<String> lines;
    private final String source;

    RecordingLog(String source) {
        this(source, new CopyOnWriteArrayList<>());
    }

    private RecordingLog(String source, List<String> lines) {
        this.source = source;
        this.lines = lines;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public StepLog withSource(String other) {
        return other == null || other.isEmpty() ? this : new RecordingLog(other, lines);
    }

    @Override
    public void out(String message) {
        if (!message.isEmpty()) {
            lines.add("out: " + message);
        }
    }

    @Override
    public void err(String message) {
        if (!message.isEmpty()) {
            lines.add("err: " + message);
        }
    }
}
