package org.diego.cell.garden;

import java.util.List;
import org.diego.core.model.EnvironmentVariable;

/**
 * A process to run in a container (Garden's ProcessSpec). A relative {@code dir} is relative to the
 * container (to the user's home in an isolated backend, as in Garden); {@code env} entries override the
 * container's own. {@code user} is a user name or {@code uid[:gid]} of the container; empty means root.
 * The process backend runs everything as the agent's user and ignores it.
 */
public record ProcessSpec(String path, List<String> args, String dir, List<EnvironmentVariable> env, String user) {
    public ProcessSpec {
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? List.of() : List.copyOf(env);
    }

    /** As the container's default user. */
    public ProcessSpec(String path, List<String> args, String dir, List<EnvironmentVariable> env) {
        this(path, args, dir, env, null);
    }
}
