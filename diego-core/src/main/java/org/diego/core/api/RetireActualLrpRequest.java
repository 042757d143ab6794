package org.diego.core.api;

import org.diego.core.model.ActualLrpKey;
import org.diego.core.wire.WireMessage;

@WireMessage("RetireActualLRPRequest")
public record RetireActualLrpRequest(ActualLrpKey actualLrpKey) {

    public RetireActualLrpRequest validate() {
        Checks.key(actualLrpKey);
        return this;
    }
}
