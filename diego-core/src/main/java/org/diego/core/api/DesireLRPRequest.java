package org.diego.core.api;

import org.diego.core.model.DesiredLrp;
import org.diego.core.model.Validation;
import org.diego.core.wire.WireMessage;

/** {@code POST /v1/desired_lrp/desire.r2}. */
@WireMessage("DesireLRPRequest")
public record DesireLRPRequest(DesiredLrp desiredLrp) {

    /** The LRP is required and must pass all of Diego's DesiredLRP checks. */
    public DesireLRPRequest validate() {
        Validation.required("desired_lrp", desiredLrp);
        desiredLrp.validate();
        return this;
    }
}
