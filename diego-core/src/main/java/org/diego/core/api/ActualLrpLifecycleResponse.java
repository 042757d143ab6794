package org.diego.core.api;

import org.diego.core.model.DiegoError;
import org.diego.core.wire.WireMessage;

/** The answer of every ActualLRP lifecycle route: only an error, null when the request was applied. */
@WireMessage("ActualLRPLifecycleResponse")
public record ActualLrpLifecycleResponse(DiegoError error) {
    public static final ActualLrpLifecycleResponse OK = new ActualLrpLifecycleResponse(null);
}
