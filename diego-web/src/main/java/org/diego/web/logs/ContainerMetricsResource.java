package org.diego.web.logs;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.diego.core.json.Json;
import org.diego.ejb.logs.ContainerMetrics;

/**
 * {@code GET /v1/containers/metrics/{process_guid}}: the latest metric of each running instance of a
 * process (as its cell last reported it, at most about two minutes old), a JSON array ordered by index;
 * empty when none is known.
 */
@Path("/v1/containers/metrics/{process_guid}")
public class ContainerMetricsResource {
    @Inject
    ContainerMetrics metrics;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String latest(@PathParam("process_guid") String processGuid) {
        return Json.write(metrics.ofProcess(processGuid));
    }
}
