package org.diego.cell.executor;

import java.util.List;
import org.diego.cell.executor.steps.Recipe;
import org.diego.core.model.Action;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.RunAction;

/**
 * What to run in a reserved container: the container-wide environment (every process inherits it; a run
 * action's own env goes on top), the ports to expose, and the recipe: the actions and health checks.
 * {@code maxPids} is Diego's max_pids (0: unlimited); memory and disk limits come from the reservation.
 */
public record RunRequest(String rootfs, List<EnvironmentVariable> env, List<Integer> ports, Recipe recipe,
                         int maxPids) {
    public RunRequest {
        env = env == null ? List.of() : List.copyOf(env);
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    /** Without a pid limit. */
    public RunRequest(String rootfs, List<EnvironmentVariable> env, List<Integer> ports, Recipe recipe) {
        this(rootfs, env, ports, recipe, 0);
    }

    /** A single run action, logged under the default source. */
    public RunRequest(String rootfs, List<EnvironmentVariable> env, List<Integer> ports, RunAction action,
                      int maxPids) {
        this(rootfs, env, ports, Recipe.of(Action.of(action)), maxPids);
    }

    /** A single run action, logged under the default source, without a pid limit. */
    public RunRequest(String rootfs, List<EnvironmentVariable> env, List<Integer> ports, RunAction action) {
        this(rootfs, env, ports, action, 0);
    }
}
