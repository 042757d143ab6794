package org.diego.cell.executor;

import java.util.List;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.RunAction;

/**
 * What to run in a reserved container: the container-wide environment, the ports to expose and the
 * run action, whose own env is applied to its process on top of the container's.
 */
public record RunRequest(String rootfs, List<EnvironmentVariable> env, List<Integer> ports, RunAction action) {
    public RunRequest {
        env = env == null ? List.of() : List.copyOf(env);
        ports = ports == null ? List.of() : List.copyOf(ports);
    }
}
