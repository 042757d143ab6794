package org.diego.cell.rep;

import java.util.Map;
import org.diego.cell.executor.Container;
import org.diego.core.model.RunAction;
import org.diego.core.model.Task;
import org.diego.core.model.TaskDefinition;

/**
 * The executor tags the rep puts on a task container. The container guid is the task guid; lifecycle,
 * domain and result file are named as in Diego's rep, so a completion can be reported from the container
 * alone. The log source stands in for the log config Diego's executor keeps with the container.
 */
final class TaskTags {
    static final String TASK = "task";
    static final String RESULT_FILE = "result-file";
    static final String LOG_SOURCE = "log-source";
    /** Whose home a relative result file is in: the user of the task's (first) run action; root without one. */
    static final String RESULT_USER = "result-user";
    /** Diego's executor's source name when a task names none, or has no log guid to stream to. */
    static final String DEFAULT_LOG_SOURCE = "LOG";

    private TaskTags() {
    }

    static Map<String, String> of(Task task) {
        TaskDefinition definition = task.taskDefinition();
        String source = definition.logGuid().isEmpty() || definition.logSource().isEmpty()
                ? DEFAULT_LOG_SOURCE : definition.logSource();
        RunAction run = definition.action() == null ? null : definition.action().firstRun();
        String user = run == null || run.user() == null || run.user().isBlank() ? "root" : run.user();
        return Map.of(LrpTags.LIFECYCLE, TASK, LrpTags.DOMAIN, task.domain(),
                RESULT_FILE, definition.resultFile(), RESULT_USER, user, LOG_SOURCE, source);
    }

    static boolean isTask(Container container) {
        return TASK.equals(container.tags().get(LrpTags.LIFECYCLE));
    }

    static String resultFile(Container container) {
        return container.tags().getOrDefault(RESULT_FILE, "");
    }

    static String resultUser(Container container) {
        return container.tags().getOrDefault(RESULT_USER, "root");
    }

    static String logSource(Container container) {
        return container.tags().getOrDefault(LOG_SOURCE, DEFAULT_LOG_SOURCE);
    }
}
