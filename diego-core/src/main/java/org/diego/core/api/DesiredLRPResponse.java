package org.diego.core.api;

import org.diego.core.model.DesiredLrp;
import org.diego.core.model.DiegoError;
import org.diego.core.wire.WireMessage;

/** One desired LRP. */
@WireMessage("DesiredLRPResponse")
public record DesiredLRPResponse(DiegoError error, DesiredLrp desiredLrp) {

    public static DesiredLRPResponse of(DesiredLrp lrp) {
        return new DesiredLRPResponse(null, lrp);
    }
}
