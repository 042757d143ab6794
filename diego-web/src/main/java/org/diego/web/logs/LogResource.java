package org.diego.web.logs;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Map;
import org.diego.core.json.Json;
import org.diego.ejb.logs.LiveLogs;
import org.diego.ejb.logs.RecentLogs;

/**
 * An app's log by log guid. {@code GET /v1/logs/{log_guid}/recent[?limit=N]}: the last lines the cluster
 * keeps (at most {@code diego.logs.recent-capacity}), a JSON array of envelopes, oldest first; an unknown
 * guid has none. {@code GET /v1/logs/{log_guid}/stream}: Server-Sent Events, one {@code log} event per new
 * line (data: the envelope JSON), from any instance whichever instance received the line.
 */
@Path("/v1/logs/{log_guid}")
public class LogResource {
    @Inject
    RecentLogs recent;
    @Inject
    LiveLogs live;
    @Context
    Sse sse;

    @GET
    @Path("recent")
    @Produces(MediaType.APPLICATION_JSON)
    public Response recent(@PathParam("log_guid") String logGuid, @QueryParam("limit") String limit) {
        int n;
        try {
            n = Limit.parse(limit, recent.capacity());
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                    .entity(Json.write(Map.of("error", Map.of("type", "InvalidRequest", "message", e.getMessage()))))
                    .build();
        }
        // The grid holds each envelope as its JSON already: no need to decode and encode again.
        List<String> lines = recent.recent(logGuid, n);
        return Response.ok("[" + String.join(",", lines) + "]", MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@PathParam("log_guid") String logGuid, @Context SseEventSink sink) {
        new LogSubscriber(sse, sink).attach(live, logGuid);
    }
}
