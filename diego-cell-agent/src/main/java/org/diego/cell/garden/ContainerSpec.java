package org.diego.cell.garden;

import java.util.List;
import org.diego.core.model.EnvironmentVariable;

/**
 * What to create (a subset of Garden's ContainerSpec). {@code env} is inherited by every process of the
 * container; {@code netIn} lists container ports that each get a host port (Garden's NetIn with host
 * port 0, i.e. chosen by the backend); {@code limits} are applied by backends that can (the process
 * backend ignores them).
 */
public record ContainerSpec(String handle, String rootfs, List<EnvironmentVariable> env, List<Integer> netIn,
                            ContainerLimits limits) {
    public ContainerSpec {
        env = env == null ? List.of() : List.copyOf(env);
        netIn = netIn == null ? List.of() : List.copyOf(netIn);
        limits = limits == null ? ContainerLimits.NONE : limits;
    }

    /** Without limits. */
    public ContainerSpec(String handle, String rootfs, List<EnvironmentVariable> env, List<Integer> netIn) {
        this(handle, rootfs, env, netIn, ContainerLimits.NONE);
    }
}
