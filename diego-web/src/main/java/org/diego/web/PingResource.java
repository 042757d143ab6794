package org.diego.web;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** {@code POST /v1/ping}: the instance serves the API. */
@Path("/v1/ping")
public class PingResource {
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response ping() {
        return Bodies.ok(Map.of("available", true));
    }
}
