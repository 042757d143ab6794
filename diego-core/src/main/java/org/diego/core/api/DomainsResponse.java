package org.diego.core.api;

import java.util.List;
import org.diego.core.model.DiegoError;
import org.diego.core.wire.WireMessage;

/** {@code POST /v1/domains/list}: the names of the fresh domains. */
@WireMessage("DomainsResponse")
public record DomainsResponse(DiegoError error, List<String> domains) {
    public DomainsResponse {
        domains = domains == null ? List.of() : List.copyOf(domains);
    }

    public static DomainsResponse of(List<String> domains) {
        return new DomainsResponse(null, domains);
    }
}
