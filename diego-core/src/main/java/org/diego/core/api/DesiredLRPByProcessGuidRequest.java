package org.diego.core.api;

import org.diego.core.model.Validation;
import org.diego.core.wire.WireMessage;

/** One desired LRP or its scheduling info, by process guid. */
@WireMessage("DesiredLRPByProcessGuidRequest")
public record DesiredLRPByProcessGuidRequest(String processGuid) {

    public DesiredLRPByProcessGuidRequest validate() {
        Validation.required("process_guid", processGuid);
        return this;
    }
}
