package org.diego.web.events;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.diego.core.events.EventStream;
import org.diego.ejb.events.EventHub;

/**
 * Diego's deprecated group stream, {@code GET /v1/events.r1}, for subscribers older than the instance
 * events (a route emitter reading {@code actual_lrp_created|changed|removed}): desired LRP events,
 * group events and {@code actual_lrp_crashed}. As Diego's client does, a subscriber may send an
 * {@code EventsByCellId} body with the GET; without one it hears of every cell. Its own root resource
 * because {@code /v1/events.r1} is not below {@link EventStreamResource}'s {@code /v1/events}.
 */
@Path("/v1/events.r1")
@Consumes({MediaType.APPLICATION_JSON, "application/x-protobuf"})
@Produces(MediaType.SERVER_SENT_EVENTS)
public class GroupEventStreamResource {
    @Inject
    EventHub hub;
    @Context
    Sse sse;

    @GET
    public void lrpGroups(@Context ContainerRequestContext request, @Context SseEventSink sink) {
        EventStreamResource.open(hub, sse, EventStream.LRP_GROUPS, request, sink);
    }
}
