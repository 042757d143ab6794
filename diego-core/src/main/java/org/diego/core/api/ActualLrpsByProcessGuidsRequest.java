package org.diego.core.api;

import java.util.List;
import org.diego.core.model.ValidationException;
import org.diego.core.wire.WireMessage;

@WireMessage("ActualLRPsByProcessGuidsRequest")
public record ActualLrpsByProcessGuidsRequest(List<String> processGuids) {

    public ActualLrpsByProcessGuidsRequest validate() {
        if (processGuids == null || processGuids.isEmpty()) {
            throw new ValidationException("process_guids", "must not be empty");
        }
        return this;
    }
}
