package org.diego.core.api;

import org.diego.core.wire.WireMessage;

/** {@code POST /v1/tasks/list.r3}: both filters optional ("" or absent = any). */
@WireMessage("TasksRequest")
public record TasksRequest(String domain, String cellId) {
    public static final TasksRequest ALL = new TasksRequest(null, null);

    /** Nothing to check, as in Diego. */
    public TasksRequest validate() {
        return this;
    }
}
