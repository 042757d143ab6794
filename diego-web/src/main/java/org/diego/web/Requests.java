package org.diego.web;

import org.diego.core.model.DesiredLrp;

/** Diego's request messages for the routes served here (field names as in Diego's JSON). */
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

    /** UpsertDomainRequest: {@code ttl} in seconds, 0 = never expires. */
    record UpsertDomain(String domain, long ttl) {
    }
}
