package org.diego.core.messages;

/** BBS to the cell running a task: stop its container, the task was cancelled (Diego's rep CancelTask). */
public record CancelTask(String taskGuid) {
}
