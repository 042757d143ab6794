package org.diego.core.api;

import org.diego.core.model.DiegoError;
import org.diego.core.wire.WireMessage;

@WireMessage("RemoveEvacuatingActualLRPResponse")
public record RemoveEvacuatingActualLrpResponse(DiegoError error) {
    public static final RemoveEvacuatingActualLrpResponse OK = new RemoveEvacuatingActualLrpResponse(null);
}
