package org.diego.cell.executor.steps;

import java.util.logging.Logger;

/**
 * Where steps write what Diego's executor writes to an app's log stream (exit statuses, progress and
 * health messages), and the source name they are tagged with. Without a log guid Diego streams nothing
 * and every source reads "LOG"; here the lines go to the agent log either way.
 */
public interface StepLog {
    /** Diego's default source name. */
    String DEFAULT_SOURCE = "LOG";

    String source();

    /** The same stream under another source; an empty one, or a container without log guid, keeps this. */
    StepLog withSource(String source);

    void out(String message);

    void err(String message);

    /**
     * A run step under this log's source started a process whose output is kept: output read from the
     * container from now on is tagged with this source (see org.diego.cell.logs). Most logs ignore it.
     */
    default void processStarted() {
    }

    /** The log of one container: {@code logGuid} and {@code logSource} as its recipe names them. */
    static StepLog forContainer(String guid, String logGuid, String logSource) {
        boolean streaming = logGuid != null && !logGuid.isEmpty();
        String source = streaming && logSource != null && !logSource.isEmpty() ? logSource : DEFAULT_SOURCE;
        return new AgentLog(guid, source, streaming);
    }

    /** Writes to java.util.logging, one line per message, tagged with the container and the source. */
    record AgentLog(String guid, String source, boolean streaming) implements StepLog {
        private static final Logger LOG = Logger.getLogger("org.diego.cell.executor.steps.AppLog");

        @Override
        public StepLog withSource(String other) {
            return !streaming || other == null || other.isEmpty() ? this : new AgentLog(guid, other, true);
        }

        @Override
        public void out(String message) {
            if (message != null && !message.isBlank()) {
                LOG.info(() -> "container " + guid + " [" + source + "] " + message.strip());
            }
        }

        @Override
        public void err(String message) {
            if (message != null && !message.isBlank()) {
                LOG.info(() -> "container " + guid + " [" + source + "] (stderr) " + message.strip());
            }
        }
    }

    /** Collects what is written, for the output wrapper of monitor steps and for tests. */
    final class Buffer implements StepLog {
        private final String source;
        private final StringBuilder text = new StringBuilder();

        public Buffer(String source) {
            this.source = source;
        }

        @Override
        public String source() {
            return source;
        }

        @Override
        public StepLog withSource(String other) {
            return this;
        }

        @Override
        public synchronized void out(String message) {
            text.append(message).append('\n');
        }

        @Override
        public synchronized void err(String message) {
            text.append(message).append('\n');
        }

        public synchronized String text() {
            return text.toString();
        }
    }
}
