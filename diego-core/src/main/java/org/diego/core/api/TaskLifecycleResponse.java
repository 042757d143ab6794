package org.diego.core.api;

import org.diego.core.model.DiegoError;
import org.diego.core.wire.WireMessage;

/** The answer of every task transition route: only an error, absent on success. */
@WireMessage("TaskLifecycleResponse")
public record TaskLifecycleResponse(DiegoError error) {
    public static final TaskLifecycleResponse OK = new TaskLifecycleResponse(null);
}
