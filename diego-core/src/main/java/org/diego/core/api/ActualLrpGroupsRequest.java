package org.diego.core.api;

import org.diego.core.wire.WireMessage;

/** Deprecated in Diego: the groups of a domain and/or cell (both optional). */
@WireMessage("ActualLRPGroupsRequest")
public record ActualLrpGroupsRequest(String domain, String cellId) {
    public static final ActualLrpGroupsRequest ALL = new ActualLrpGroupsRequest(null, null);

    public ActualLrpGroupsRequest validate() {
        return this;
    }
}
