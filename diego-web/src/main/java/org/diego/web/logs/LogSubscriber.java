package org.diego.web.logs;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.json.Json;
import org.diego.core.logs.LogEnvelope;
import org.diego.ejb.logs.LiveLogs;

/**
 * One open log stream. It subscribes first and then sends an SSE comment ({@code : live}), so a client
 * that has read the comment knows every later line reaches it (the headers alone do not tell: they may be
 * sent before the subscription exists). Event ids count from 0 per connection. A failed write means the
 * client went away: the subscription is closed.
 */
final class LogSubscriber {
    private static final Logger LOG = Logger.getLogger(LogSubscriber.class.getName());
    static final String EVENT = "log";

    private final Sse sse;
    private final SseEventSink sink;
    private final AtomicLong nextId = new AtomicLong();
    private volatile LiveLogs.Subscription subscription;

    LogSubscriber(Sse sse, SseEventSink sink) {
        this.sse = sse;
        this.sink = sink;
    }

    void attach(LiveLogs live, String logGuid) {
        subscription = live.subscribe(logGuid, this::send);
        sink.send(sse.newEventBuilder().comment("live").build()).whenComplete((ignored, failure) -> {
            if (failure != null) {
                detach(failure);
            }
        });
    }

    private void send(LogEnvelope envelope) {
        if (sink.isClosed()) {
            detach(null);
            return;
        }
        OutboundSseEvent out = sse.newEventBuilder()
                .id(Long.toString(nextId.getAndIncrement()))
                .name(EVENT)
                .data(String.class, Json.write(envelope))
                .build();
        sink.send(out).whenComplete((ignored, failure) -> {
            if (failure != null) {
                detach(failure);
            }
        });
    }

    private void detach(Throwable why) {
        LiveLogs.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINEST, "sink already closed", e);
        }
        if (why != null) {
            LOG.log(Level.FINE, "log subscriber went away", why);
        }
    }
}
