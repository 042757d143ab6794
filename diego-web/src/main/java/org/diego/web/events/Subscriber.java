package org.diego.web.events;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.events.EventStream;
import org.diego.core.events.PublishedEvent;
import org.diego.ejb.events.EventHub;

/**
 * One open SSE connection. Event ids count from 0 per connection, as Diego's do. A failed write
 * means the client went away: the subscription is closed so the hub stops feeding it.
 */
final class Subscriber {
    private static final Logger LOG = Logger.getLogger(Subscriber.class.getName());

    private final Sse sse;
    private final SseEventSink sink;
    private final EventEncoding encoding;
    private final AtomicLong nextId = new AtomicLong();
    private volatile EventHub.Subscription subscription;

    Subscriber(Sse sse, SseEventSink sink, EventEncoding encoding) {
        this.sse = sse;
        this.sink = sink;
        this.encoding = encoding;
    }

    void attach(EventHub hub, EventStream stream, String cellId) {
        subscription = hub.subscribe(stream, cellId, this::send);
        LOG.fine(() -> "subscriber attached to " + stream + (cellId.isEmpty() ? "" : " for cell " + cellId));
    }

    private void send(PublishedEvent event) {
        if (sink.isClosed()) {
            detach(null);
            return;
        }
        OutboundSseEvent out = sse.newEventBuilder()
                .id(Long.toString(nextId.getAndIncrement()))
                .name(event.type())
                .data(String.class, encoding.encode(event))
                .build();
        sink.send(out).whenComplete((ignored, failure) -> {
            if (failure != null) {
                detach(failure);
            }
        });
    }

    private void detach(Throwable why) {
        EventHub.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINEST, "sink already closed", e);
        }
        if (why != null) {
            LOG.log(Level.FINE, "event subscriber went away", why);
        }
    }
}
