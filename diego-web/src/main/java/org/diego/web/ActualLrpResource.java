package org.diego.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.diego.ejb.bbs.ActualLrps;

/** {@code POST /v1/actual_lrps/list}: ActualLRPs, filtered by domain, cell, process guid and index. */
@Path("/v1/actual_lrps")
public class ActualLrpResource {
    @Inject
    ActualLrps actuals;

    @POST
    @Path("list")
    public Response list(String body) {
        Requests.ActualLrps f = Bodies.read(body, Requests.ActualLrps.class);
        return Bodies.ok("actual_lrps", actuals.list(f.domain(), f.cellId(), f.processGuid(), f.index()));
    }
}
