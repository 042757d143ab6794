package org.diego.web;

import org.diego.core.model.DesiredLrp;

/**
 * Diego's request messages for the routes served here (field names as in Diego's JSON). Deprecated in
 * favour of the {@code @WireMessage} records in {@code org.diego.core.api}.
 */
final class Requests {
    private Requests() {
    }

    /** DesireLRPRequest. */
    record DesireLrp(DesiredLrp desiredLrp) {
    }

    /** DesiredLRPByProcessGuidRequest and RemoveDesiredLRPRequest. */
    record ByProcessGuid(String processGuid) {
    }

    /** DesiredLRPsRequest (domain filter). */
    record DesiredLrps(String domain) {
    }

    /** ActualLRPsRequest: every filter optional. */
    record ActualLrps(String domain, String cellId, String processGuid, Integer index) {
    }
}
