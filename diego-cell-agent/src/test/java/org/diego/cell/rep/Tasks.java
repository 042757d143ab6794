package org.diego.cell.rep;

import java.util.List;
import org.diego.core.messages.TaskWork;
import org.diego.core.model.Action;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.RunAction;
import org.diego.core.model.Task;
import org.diego.core.model.TaskDefinition;

/** Test data: pending tasks running a {@code /bin/sh -c} script. */
final class Tasks {
    static final String DOMAIN = "cf-tasks";

    private Tasks() {
    }

    static Task task(String guid, int memoryMb, String script, String resultFile) {
        return task(guid, memoryMb, script, resultFile, "TASK", "log-guid");
    }

    static Task task(String guid, int memoryMb, String script, String resultFile, String logSource, String logGuid) {
        RunAction run = new RunAction("/bin/sh", List.of("-c", script), null,
                List.of(new EnvironmentVariable("FROM_ACTION", "action")), null);
        TaskDefinition definition = new TaskDefinition("preloaded:cflinuxfs4",
                List.of(new EnvironmentVariable("FROM_TASK", "task")), new Action(run), 32, memoryMb, 0, false,
                logSource, logGuid, "", resultFile, "", "", "", List.of(), 0, "", "");
        return Task.pending(definition, guid, DOMAIN, 1L);
    }

    /** A task with any action tree, logged as TASK. */
    static Task task(String guid, int memoryMb, Action action, String resultFile) {
        TaskDefinition definition = new TaskDefinition("preloaded:cflinuxfs4", List.of(), action, 32, memoryMb, 0,
                false, "TASK", "log-guid", "", resultFile, "", "", "", List.of(), 0, "", "");
        return Task.pending(definition, guid, DOMAIN, 1L);
    }

    static TaskWork work(Task... tasks) {
        return new TaskWork(List.of(tasks));
    }
}
