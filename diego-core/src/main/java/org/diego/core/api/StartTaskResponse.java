package org.diego.core.api;

import org.diego.core.model.DiegoError;
import org.diego.core.wire.WireMessage;

/** {@code should_start} is false when the task already runs on the asking cell. */
@WireMessage("StartTaskResponse")
public record StartTaskResponse(DiegoError error, boolean shouldStart) {
    public static StartTaskResponse of(boolean shouldStart) {
        return new StartTaskResponse(null, shouldStart);
    }
}
