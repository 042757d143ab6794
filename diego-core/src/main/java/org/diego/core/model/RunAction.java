package org.diego.core.model;

import java.util.List;

/**
 * Diego's run action: the process a container starts.
 *
 * <p>Unlike Diego, {@code user} is optional: this project's clients and docs desire run actions
 * without one. The runc backend runs the process as this user of the container (empty: root); the
 * process backend runs every process as the agent's own user.
 */
public record RunAction(String path, List<String> args, String dir, List<EnvironmentVariable> env,
                        ResourceLimits resourceLimits, String user, String logSource, boolean suppressLogOutput,
                        List<File> volumeMountedFiles) {
    public RunAction {
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? List.of() : List.copyOf(env);
        volumeMountedFiles = volumeMountedFiles == null ? List.of() : List.copyOf(volumeMountedFiles);
    }

    /** The fields the cell agent uses. */
    public RunAction(String path, List<String> args, String dir, List<EnvironmentVariable> env, String user) {
        this(path, args, dir, env, null, user, null, false, null);
    }

    public void validate(String field) {
        Validation.required(Validation.sub(field, "path"), path);
        Validation.each(Validation.sub(field, "env"), env, (at, e) -> e.validate(at));
        if (resourceLimits != null) {
            resourceLimits.validate(Validation.sub(field, "resource_limits"));
        }
    }
}
