package org.diego.core.api;

import org.diego.core.model.DiegoError;
import org.diego.core.model.DiegoException;
import org.diego.core.wire.WireMessage;

/**
 * The answer to a refused request on any route: only {@code error} set. Every Diego response that can
 * fail carries {@code Error error = 1}, so the protobuf bytes of this one decode as whichever response
 * the client expects; the message named here is just one of them.
 */
@WireMessage("ActualLRPLifecycleResponse")
public record ErrorResponse(DiegoError error) {
    public static ErrorResponse of(DiegoException e) {
        return new ErrorResponse(e.toError());
    }
}
