package org.diego.core.api;

import org.diego.core.model.DiegoError;
import org.diego.core.wire.WireMessage;

@WireMessage("UpsertDomainResponse")
public record UpsertDomainResponse(DiegoError error) {
    public static final UpsertDomainResponse OK = new UpsertDomainResponse(null);
}
