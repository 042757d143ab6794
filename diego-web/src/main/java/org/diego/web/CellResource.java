package org.diego.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.diego.core.api.CellsResponse;
import org.diego.ejb.bbs.Cells;
import org.diego.web.wire.WireMediaTypes;

/** {@code POST /v1/cells/list.r1}: live cell presences. */
@Path("/v1/cells")
public class CellResource {
    @Inject
    Cells cells;

    @POST
    @Path("list.r1")
    @Consumes({MediaType.APPLICATION_JSON, WireMediaTypes.PROTOBUF})
    @Produces({MediaType.APPLICATION_JSON, WireMediaTypes.PROTOBUF})
    public CellsResponse list() {
        return CellsResponse.of(cells.live());
    }
}
