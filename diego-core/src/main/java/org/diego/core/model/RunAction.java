package org.diego.core.model;

import java.util.List;

/** Diego's run action: the process a container starts. */
public record RunAction(String path, List<String> args, String dir, List<EnvironmentVariable> env, String user) {
    public RunAction {
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? List.of() : List.copyOf(env);
    }

    public void validate(String field) {
        Validation.required(field + ".path", path);
        for (int i = 0; i < env.size(); i++) {
            Validation.required(field + ".env[" + i + "]", env.get(i));
            env.get(i).validate(field + ".env[" + i + "]");
        }
    }
}
