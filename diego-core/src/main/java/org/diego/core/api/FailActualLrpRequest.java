package org.diego.core.api;

import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.Validation;
import org.diego.core.wire.WireMessage;

/** The auctioneer could not place the instance; {@code error_message} becomes its placement error. */
@WireMessage("FailActualLRPRequest")
public record FailActualLrpRequest(ActualLrpKey actualLrpKey, String errorMessage) {

    public FailActualLrpRequest validate() {
        Checks.key(actualLrpKey);
        Validation.required("error_message", errorMessage);
        return this;
    }
}
