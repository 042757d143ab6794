package org.diego.cell.garden;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.diego.core.model.EnvironmentVariable;

/**
 * What to create (a subset of Garden's ContainerSpec). {@code env} is inherited by every process of the
 * container; {@code netIn} lists container ports that each get a host port (Garden's NetIn with host
 * port 0, i.e. chosen by the backend); {@code limits} are applied by backends that can (the process
 * backend ignores them). {@code properties} are the container's initial properties; {@code graceTime}
 * destroys the container once nobody has used it for that long (null or zero: never, Garden's default).
 */
public record ContainerSpec(String handle, String rootfs, List<EnvironmentVariable> env, List<Integer> netIn,
                            ContainerLimits limits, Map<String, String> properties, Duration graceTime) {
    public ContainerSpec {
        env = env == null ? List.of() : List.copyOf(env);
        netIn = netIn == null ? List.of() : List.copyOf(netIn);
        limits = limits == null ? ContainerLimits.NONE : limits;
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        if (graceTime != null && graceTime.isNegative()) {
            throw new IllegalArgumentException("graceTime must not be negative: " + graceTime);
        }
        graceTime = graceTime == null || graceTime.isZero() ? null : graceTime;
    }

    /** Without properties or grace time. */
    public ContainerSpec(String handle, String rootfs, List<EnvironmentVariable> env, List<Integer> netIn,
                         ContainerLimits limits) {
        this(handle, rootfs, env, netIn, limits, Map.of(), null);
    }

    /** Without limits. */
    public ContainerSpec(String handle, String rootfs, List<EnvironmentVariable> env, List<Integer> netIn) {
        this(handle, rootfs, env, netIn, ContainerLimits.NONE);
    }
}
