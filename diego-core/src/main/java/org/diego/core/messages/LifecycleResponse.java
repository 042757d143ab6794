package org.diego.core.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.diego.core.model.DiegoError;

/**
 * Reply to every lifecycle request: {@code error} is null on success. {@code should_start} only means
 * something in the reply to {@code start_task} (Diego's StartTaskResponse); it is left out of the JSON
 * when false, so every other reply keeps its old shape.
 */
public record LifecycleResponse(DiegoError error,
                                @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean shouldStart) {
    public static final LifecycleResponse OK = new LifecycleResponse(null);

    public LifecycleResponse(DiegoError error) {
        this(error, false);
    }

    /** A successful start_task reply. */
    public static LifecycleResponse shouldStart(boolean shouldStart) {
        return new LifecycleResponse(null, shouldStart);
    }

    public boolean ok() {
        return error == null;
    }
}
