package org.diego.web.events;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.diego.core.api.EventsByCellId;
import org.diego.core.events.EventStream;
import org.diego.ejb.events.EventHub;

/**
 * Diego's event streams: {@code POST /v1/events/lrp_instances.r1} (desired LRP and instance events)
 * and {@code POST /v1/events/tasks.r1}, each optionally filtered by cell id. The r0 paths without a
 * suffix are served the same way. The stream stays open until the client goes away.
 */
@Path("/v1/events")
@Consumes({MediaType.APPLICATION_JSON, "application/x-protobuf"})
@Produces(MediaType.SERVER_SENT_EVENTS)
public class EventStreamResource {
    @Inject
    EventHub hub;
    @Context
    Sse sse;

    @POST
    @Path("lrp_instances.r1")
    public void lrpInstances(EventsByCellId filter, @Context HttpHeaders headers, @Context SseEventSink sink) {
        open(EventStream.LRP_INSTANCES, filter, headers, sink);
    }

    @POST
    @Path("lrp_instances")
    public void lrpInstancesR0(EventsByCellId filter, @Context HttpHeaders headers, @Context SseEventSink sink) {
        open(EventStream.LRP_INSTANCES, filter, headers, sink);
    }

    @POST
    @Path("tasks.r1")
    public void tasks(EventsByCellId filter, @Context HttpHeaders headers, @Context SseEventSink sink) {
        open(EventStream.TASKS, filter, headers, sink);
    }

    @POST
    @Path("tasks")
    public void tasksR0(EventsByCellId filter, @Context HttpHeaders headers, @Context SseEventSink sink) {
        open(EventStream.TASKS, filter, headers, sink);
    }

    private void open(EventStream stream, EventsByCellId filter, HttpHeaders headers, SseEventSink sink) {
        MediaType type = headers.getMediaType();
        EventEncoding encoding = type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                ? EventEncoding.JSON : EventEncoding.PROTOBUF_BASE64;
        String cellId = filter == null ? "" : filter.cellId();
        new Subscriber(sse, sink, encoding).attach(hub, stream, cellId);
    }
}
