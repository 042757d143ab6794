package org.diego.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.diego.core.api.PingResponse;
import org.diego.web.wire.WireMediaTypes;

/** {@code POST /v1/ping}: the instance serves the API. */
@Path("/v1/ping")
public class PingResource {
    @POST
    @Consumes({MediaType.APPLICATION_JSON, WireMediaTypes.PROTOBUF})
    @Produces({MediaType.APPLICATION_JSON, WireMediaTypes.PROTOBUF})
    public PingResponse ping() {
        return new PingResponse(true);
    }
}
