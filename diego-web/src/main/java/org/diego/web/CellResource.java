package org.diego.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.diego.ejb.bbs.Cells;

/** {@code POST /v1/cells/list.r1}: live cell presences. */
@Path("/v1/cells")
public class CellResource {
    @Inject
    Cells cells;

    @POST
    @Path("list.r1")
    public Response list() {
        return Bodies.ok("cells", cells.live());
    }
}
