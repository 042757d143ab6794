package org.diego.web;

/** Diego's request messages for the routes served here (field names as in Diego's JSON). */
final class Requests {
    private Requests() {
    }

    /** UpsertDomainRequest: {@code ttl} in seconds, 0 = never expires. */
    record UpsertDomain(String domain, long ttl) {
    }
}
