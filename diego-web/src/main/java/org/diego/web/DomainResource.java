package org.diego.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.diego.core.api.DomainsResponse;
import org.diego.core.api.UpsertDomainRequest;
import org.diego.core.api.UpsertDomainResponse;
import org.diego.ejb.bbs.Domains;
import org.diego.web.wire.WireMediaTypes;

/**
 * Diego's domain routes: upsert with a TTL (0 = never expires) and list the fresh ones. The worked
 * example of a wire resource: records in and out, the providers in {@code org.diego.web.wire} handle
 * JSON and protobuf, refusals become {@code error} bodies.
 */
@Path("/v1/domains")
@Consumes({MediaType.APPLICATION_JSON, WireMediaTypes.PROTOBUF})
@Produces({MediaType.APPLICATION_JSON, WireMediaTypes.PROTOBUF})
public class DomainResource {
    @Inject
    Domains domains;

    @POST
    @Path("upsert")
    public UpsertDomainResponse upsert(UpsertDomainRequest request) {
        request.validate();
        domains.upsert(request.domain(), request.ttl());
        return UpsertDomainResponse.OK;
    }

    @POST
    @Path("list")
    public DomainsResponse list() {
        return DomainsResponse.of(domains.fresh());
    }
}
