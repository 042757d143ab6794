package org.diego.web.bridge.tps;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.diego.core.model.ErrorType;
import org.diego.ejb.bridge.tps.Tps;
import org.diego.web.bridge.nsync.BridgeResponses;

/**
 * Diego's TPS listener routes: an app's instances ({@code []} for an unknown app, as Diego), their stats
 * (404 for an app that is not desired) and the bulk status of {@code ?guids=a,b,c} (400 when the list is
 * malformed). 503 when the BBS failed.
 */
@Path("/tps/v1")
public class TpsResource {
    /** Diego's tps processGuidPattern for the bulk list. */
    static final Pattern GUIDS = Pattern.compile("^([a-zA-Z0-9_-]+,)*[a-zA-Z0-9_-]+$");

    @Inject
    Tps tps;

    @GET
    @Path("actual_lrps/{guid}")
    public Response status(@PathParam("guid") String guid) {
        try {
            return BridgeResponses.ok(tps.status(guid));
        } catch (RuntimeException e) {
            return BridgeResponses.failure(e);
        }
    }

    @GET
    @Path("actual_lrps/{guid}/stats")
    public Response stats(@PathParam("guid") String guid) {
        try {
            return BridgeResponses.ok(tps.stats(guid));
        } catch (RuntimeException e) {
            return BridgeResponses.failure(e);
        }
    }

    @GET
    @Path("bulk_actual_lrp_status")
    public Response bulkStatus(@QueryParam("guids") String guids) {
        if (guids == null || !GUIDS.matcher(guids).matches()) {
            return BridgeResponses.error(400, ErrorType.InvalidRequest,
                    "Invalid field: guids: must be a comma-separated list of process guids, got '" + guids + "'");
        }
        try {
            return BridgeResponses.ok(tps.bulkStatus(Arrays.asList(guids.split(","))));
        } catch (RuntimeException e) {
            return BridgeResponses.failure(e);
        }
    }
}
