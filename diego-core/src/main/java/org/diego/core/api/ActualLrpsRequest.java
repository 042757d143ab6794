package org.diego.core.api;

import org.diego.core.wire.WireMessage;

/** Filters for {@code actual_lrps/list}; every one optional, {@code index} absent means any index. */
@WireMessage("ActualLRPsRequest")
public record ActualLrpsRequest(String domain, String cellId, String processGuid, Integer index) {
    public static final ActualLrpsRequest ALL = new ActualLrpsRequest(null, null, null, null);

    /** Diego accepts any filter. */
    public ActualLrpsRequest validate() {
        return this;
    }
}
