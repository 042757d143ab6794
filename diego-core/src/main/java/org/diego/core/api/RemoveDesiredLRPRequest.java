package org.diego.core.api;

import org.diego.core.model.Validation;
import org.diego.core.wire.WireMessage;

/** {@code POST /v1/desired_lrp/remove}. */
@WireMessage("RemoveDesiredLRPRequest")
public record RemoveDesiredLRPRequest(String processGuid) {

    public RemoveDesiredLRPRequest validate() {
        Validation.required("process_guid", processGuid);
        return this;
    }
}
