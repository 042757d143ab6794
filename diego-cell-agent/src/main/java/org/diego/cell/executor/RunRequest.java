package org.diego.cell.executor;

import java.util.List;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.RunAction;

/**
 * What to run in a reserved container: the container-wide environment, the ports to expose and the
 * run action, whose own env is applied to its process on top of the container's. {@code maxPids} is
 * Diego's max_pids (0: unlimited); memory and disk limits come from the reservation.
 */
public record RunRequest(String rootfs, List<EnvironmentVariable> env, List<Integer> ports, RunAction action,
                         int maxPids) {
    public RunRequest {
        env = env == null ? List.of() : List.copyOf(env);
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    /** Without a pid limit. */
    public RunRequest(String rootfs, List<EnvironmentVariable> env, List<Integer> ports, RunAction action) {
        this(rootfs, env, ports, action, 0);
    }
}
