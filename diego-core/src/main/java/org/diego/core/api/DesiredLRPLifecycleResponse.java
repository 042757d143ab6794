package org.diego.core.api;

import org.diego.core.model.DiegoError;
import org.diego.core.wire.WireMessage;

/** The answer to desire, update and remove: no error means done. */
@WireMessage("DesiredLRPLifecycleResponse")
public record DesiredLRPLifecycleResponse(DiegoError error) {
    public static final DesiredLRPLifecycleResponse OK = new DesiredLRPLifecycleResponse(null);
}
