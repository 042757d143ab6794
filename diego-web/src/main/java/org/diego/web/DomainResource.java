package org.diego.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.diego.ejb.bbs.Domains;

/** Diego's domain routes: upsert with a TTL (0 = never expires) and list the fresh ones. */
@Path("/v1/domains")
public class DomainResource {
    @Inject
    Domains domains;

    @POST
    @Path("upsert")
    public Response upsert(String body) {
        Requests.UpsertDomain request = Bodies.read(body, Requests.UpsertDomain.class);
        domains.upsert(request.domain(), request.ttl());
        return Bodies.empty();
    }

    @POST
    @Path("list")
    public Response list() {
        return Bodies.ok("domains", domains.fresh());
    }
}
