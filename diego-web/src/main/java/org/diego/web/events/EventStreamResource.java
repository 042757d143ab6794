package org.diego.web.events;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.diego.core.events.EventStream;
import org.diego.ejb.events.EventHub;
import org.diego.web.wire.RequestLimit;

/**
 * Diego's event streams: {@code POST /v1/events/lrp_instances.r1} (desired LRP and instance events),
 * {@code POST /v1/events/tasks.r1} and the deprecated group stream {@code GET /v1/events} (r0; its r1
 * path is {@link GroupEventStreamResource}), each optionally filtered by the cell id of an
 * {@code EventsByCellId} body (see {@link SubscriptionRequest}, which also picks the data encoding).
 * The r0 paths of the POST streams, without a suffix, are served the same way. A stream stays open
 * until the client goes away.
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
    public void lrpInstances(@Context ContainerRequestContext request, @Context SseEventSink sink) {
        open(hub, sse, EventStream.LRP_INSTANCES, request, sink);
    }

    @POST
    @Path("lrp_instances")
    public void lrpInstancesR0(@Context ContainerRequestContext request, @Context SseEventSink sink) {
        open(hub, sse, EventStream.LRP_INSTANCES, request, sink);
    }

    @POST
    @Path("tasks.r1")
    public void tasks(@Context ContainerRequestContext request, @Context SseEventSink sink) {
        open(hub, sse, EventStream.TASKS, request, sink);
    }

    @POST
    @Path("tasks")
    public void tasksR0(@Context ContainerRequestContext request, @Context SseEventSink sink) {
        open(hub, sse, EventStream.TASKS, request, sink);
    }

    /** Diego's deprecated r0 group stream: desired LRP, group and crash events. */
    @GET
    public void lrpGroupsR0(@Context ContainerRequestContext request, @Context SseEventSink sink) {
        open(hub, sse, EventStream.LRP_GROUPS, request, sink);
    }

    static void open(EventHub hub, Sse sse, EventStream stream, ContainerRequestContext request, SseEventSink sink) {
        SubscriptionRequest subscription = SubscriptionRequest.read(request, RequestLimit.configured());
        new Subscriber(sse, sink, subscription.encoding()).attach(hub, stream, subscription.cellId());
    }
}
