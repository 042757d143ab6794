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
    /**
     * The last event encoded and its data: the hub hands one event object to every local subscriber in
     * turn, so subscribers sharing an encoding encode it once. Compared by identity; immutable, so safe
     * to share between the grid's event threads (a race only costs a second encoding).
     */
    private volatile Memo last;

    private record Memo(PublishedEvent event, String data) {
    }

    EventEncoding(Function<PublishedEvent, String> encoder) {
        this.encoder = encoder;
    }

    String encode(PublishedEvent event) {
        Memo memo = last;
        if (memo != null && memo.event == event) {
            return memo.data;
        }
        String data = encoder.apply(event);
        last = new Memo(event, data);
        return data;
    }

    private static String protobufBase64(PublishedEvent event) {
        return WireEvents.sseData(event);
    }
}
