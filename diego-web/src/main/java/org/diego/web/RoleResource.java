package org.diego.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.diego.ejb.cluster.Leadership;

/**
 * {@code GET /v1/roles} (not in Diego): which instance holds each cluster role, and which instance
 * answered, so operators and tests can see where the auctioneer and converger run.
 */
@Path("/v1/roles")
public class RoleResource {
    @Inject
    Leadership leadership;

    @GET
    public Response roles() {
        return Bodies.ok(java.util.Map.of("holders", leadership.holders(), "self", leadership.self()));
    }
}
