package org.diego.web.events;

import java.util.function.Function;
import org.diego.core.events.PublishedEvent;
import org.diego.core.wire.WireEvents;

/**
 * How an event's {@code data:} line is written. Diego sends base64 of the protobuf event message;
 * a subscriber that asked in JSON gets the event's JSON instead, which is easier to read with curl.
 */
enum EventEncoding {
    JSON(PublishedEvent::json),
    PROTOBUF_BASE64(EventEncoding::protobufBase64);

    private final Function<PublishedEvent, String> encoder;

    EventEncoding(Function<PublishedEvent, String> encoder) {
        this.encoder = encoder;
    }

    String encode(PublishedEvent event) {
        return encoder.apply(event);
    }

    private static String protobufBase64(PublishedEvent event) {
        return WireEvents.sseData(event);
    }
}
