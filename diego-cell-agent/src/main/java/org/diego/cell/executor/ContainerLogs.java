package org.diego.cell.executor;

import java.util.Map;
import org.diego.cell.executor.steps.StepLog;
import org.diego.cell.garden.ContainerInfo;

/**
 * Where a container's log goes beyond the agent log: the executor asks for each container's step log
 * when it starts the container's steps (so the progress and health lines Diego's executor writes to an
 * app's log stream can be forwarded, and its processes' output read), and says when the container is
 * destroyed. Implementations must not throw and must not block.
 */
public interface ContainerLogs {
    /** Only the agent log, as before there was a log pipeline. */
    ContainerLogs NONE = new ContainerLogs() {
        @Override
        public StepLog started(String guid, Map<String, String> tags, RunRequest request, ContainerInfo info,
                               StepLog agentLog) {
            return agentLog;
        }

        @Override
        public void destroyed(String guid) {
        }
    };

    /**
     * The step log of a container whose backend container now exists; {@code agentLog} is the log the
     * executor would use on its own (the agent log, with Diego's source naming).
     */
    StepLog started(String guid, Map<String, String> tags, RunRequest request, ContainerInfo info, StepLog agentLog);

    /** The container is about to be deleted: whatever it wrote last is read now. */
    void destroyed(String guid);
}
