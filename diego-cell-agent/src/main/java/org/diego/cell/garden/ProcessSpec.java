package org.diego.cell.garden;

import java.util.List;
import org.diego.core.model.EnvironmentVariable;

/**
 * A process to run in a container (Garden's ProcessSpec). A relative {@code dir} is relative to the
 * container (to the user's home in an isolated backend, as in Garden); {@code env} entries override the
 * container's own. {@code user} is a user name or {@code uid[:gid]} of the container; empty means root.
 * The process backend runs everything as the agent's user and ignores it. {@code id} names the process
 * for {@link ContainerBackend#attach}; blank lets the backend choose one (Garden's ProcessSpec.ID).
 */
public record ProcessSpec(String path, List<String> args, String dir, List<EnvironmentVariable> env, String user,
                          String id) {
    public ProcessSpec {
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? List.of() : List.copyOf(env);
        id = id == null || id.isBlank() ? null : id;
    }

    /** With an id chosen by the backend. */
    public ProcessSpec(String path, List<String> args, String dir, List<EnvironmentVariable> env, String user) {
        this(path, args, dir, env, user, null);
    }

    /** As the container's default user. */
    public ProcessSpec(String path, List<String> args, String dir, List<EnvironmentVariable> env) {
        this(path, args, dir, env, null);
    }

    /** The same process under {@code id}. */
    public ProcessSpec withId(String id) {
        return new ProcessSpec(path, args, dir, env, user, id);
    }
}
