package org.diego.cell.garden;

import java.util.List;
import org.diego.core.model.EnvironmentVariable;

/**
 * A process to run in a container (Garden's ProcessSpec). A relative {@code dir} is relative to the
 * container; {@code env} entries override the container's own.
 */
public record ProcessSpec(String path, List<String> args, String dir, List<EnvironmentVariable> env) {
    public ProcessSpec {
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? List.of() : List.copyOf(env);
    }
}
