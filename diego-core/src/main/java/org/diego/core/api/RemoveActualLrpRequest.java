package org.diego.core.api;

import org.diego.core.model.InstanceKey;
import org.diego.core.model.Validation;
import org.diego.core.wire.WireMessage;

/** Removes the ORDINARY row; with an instance key only the row held by it. */
@WireMessage("RemoveActualLRPRequest")
public record RemoveActualLrpRequest(String processGuid, int index, InstanceKey actualLrpInstanceKey) {

    public RemoveActualLrpRequest validate() {
        Validation.required("process_guid", processGuid);
        Validation.nonNegative("index", index);
        return this;
    }
}
