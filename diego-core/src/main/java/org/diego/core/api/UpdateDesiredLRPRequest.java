package org.diego.core.api;

import org.diego.core.model.DesiredLrpUpdate;
import org.diego.core.model.Validation;
import org.diego.core.wire.WireMessage;

/** {@code POST /v1/desired_lrp/update}: only the update's present fields change. */
@WireMessage("UpdateDesiredLRPRequest")
public record UpdateDesiredLRPRequest(String processGuid, DesiredLrpUpdate update) {

    /**
     * Diego requires the process guid and checks the update. An absent update is refused here; Diego
     * would fail on it later.
     */
    public UpdateDesiredLRPRequest validate() {
        Validation.required("process_guid", processGuid);
        Validation.required("update", update);
        update.validate();
        return this;
    }
}
