package org.diego.core.model;

import java.util.List;

/** Sample tasks for the tests: a valid definition and a task in any state. */
public final class TaskSamples {
    public static final String GUID = "task-guid_1";
    public static final String CELL = "cell-a";
    public static final String OTHER_CELL = "cell-b";
    public static final long T0 = 1_700_000_000_000_000_000L;

    private TaskSamples() {
    }

    public static TaskDefinition definition() {
        return definition("");
    }

    public static TaskDefinition definition(String callbackUrl) {
        return new TaskDefinition("preloaded:cflinuxfs4", List.of(new EnvironmentVariable("A", "1")),
                new Action(new RunAction("/bin/sh", List.of("-c", "echo hi"), null, null, "vcap")), 64, 128, 10, false,
                "TASK", "log-guid", "", "/tmp/result", callbackUrl, "note", "", List.of("blue"), 100, "", "");
    }

    /** A task in {@code state}; a RUNNING one runs on {@link #CELL}; a finished one failed with "boom". */
    public static Task in(TaskState state) {
        return in(state, 0);
    }

    public static Task in(TaskState state, int rejections) {
        boolean finished = state == TaskState.Completed || state == TaskState.Resolving;
        return new Task(definition(), GUID, "cf-tasks", T0, T0 + 1, finished ? T0 + 1 : 0, state,
                state == TaskState.Running ? CELL : "", finished ? "out" : "", finished, finished ? "boom" : "",
                rejections, rejections > 0 ? "no room" : "");
    }
}
