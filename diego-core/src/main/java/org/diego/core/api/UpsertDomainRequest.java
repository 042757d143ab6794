package org.diego.core.api;

import org.diego.core.model.Domain;
import org.diego.core.model.Validation;
import org.diego.core.wire.WireMessage;

/**
 * {@code POST /v1/domains/upsert}: keep {@code domain} fresh for {@code ttl} seconds (0 = forever).
 * The TTL is a uint32 in Diego's schema; a long here lets a JSON client's out-of-range value be
 * refused by name instead of failing to bind.
 */
@WireMessage("UpsertDomainRequest")
public record UpsertDomainRequest(String domain, long ttl) {
    public UpsertDomainRequest validate() {
        Validation.required("domain", domain);
        Validation.nonNegative("ttl", ttl);
        Validation.atMost("ttl", ttl, Domain.MAX_TTL_SECONDS);
        return this;
    }
}
