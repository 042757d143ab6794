package org.diego.cell.executor.steps;

import java.util.List;
import org.diego.cell.garden.ContainerBackend;
import org.diego.cell.garden.ContainerInfo;
import org.diego.core.model.EnvironmentVariable;

/**
 * The container the steps act on: its backend handle, what the backend said about it, and the network
 * variables every run step adds to its process (CF_INSTANCE_*).
 */
public record StepTarget(ContainerBackend backend, String handle, ContainerInfo info,
                         List<EnvironmentVariable> networkEnv) {
    public StepTarget {
        networkEnv = networkEnv == null ? List.of() : List.copyOf(networkEnv);
    }
}
