package org.diego.core.messages;

import org.diego.core.model.DiegoError;

/** Reply to every lifecycle request: {@code error} is null on success. */
public record LifecycleResponse(DiegoError error) {
    public static final LifecycleResponse OK = new LifecycleResponse(null);

    public boolean ok() {
        return error == null;
    }
}
