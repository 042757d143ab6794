package org.diego.web.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.wire.proto.EventsProto;
import org.junit.jupiter.api.Test;

/** The cell filter and data encoding of a subscription, by the content type the client declared. */
class SubscriptionRequestTest {
    static final byte[] NONE = new byte[0];
    static final byte[] PROTO_CELL_7 = EventsProto.EventsByCellId.newBuilder().setCellId("cell-7").build().toByteArray();
    static final byte[] JSON_CELL_7 = "{\"cell_id\": \"cell-7\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void diegosClientDeclaresNoTypeAndSendsProtobuf() {
        assertEquals(new SubscriptionRequest("cell-7", EventEncoding.PROTOBUF_BASE64), SubscriptionRequest.of(null, PROTO_CELL_7));
        assertEquals(new SubscriptionRequest("cell-7", EventEncoding.PROTOBUF_BASE64), SubscriptionRequest.of("", PROTO_CELL_7));
        assertEquals(new SubscriptionRequest("", EventEncoding.PROTOBUF_BASE64), SubscriptionRequest.of(null, NONE),
                "a bare GET (Diego's client without a cell id, or curl) hears of every cell in protobuf");
    }

    @Test
    void aDeclaredProtobufBodyIsProtobuf() {
        assertEquals(new SubscriptionRequest("cell-7", EventEncoding.PROTOBUF_BASE64),
                SubscriptionRequest.of("application/x-protobuf", PROTO_CELL_7));
        assertEquals(ErrorType.InvalidProtobufMessage, assertThrows(DiegoException.class,
                () -> SubscriptionRequest.of("application/x-protobuf", new byte[] {(byte) 0xff})).type());
    }

    @Test
    void anyOtherDeclaredTypeIsJsonAndGetsJsonData() {
        assertEquals(new SubscriptionRequest("cell-7", EventEncoding.JSON), SubscriptionRequest.of("application/json", JSON_CELL_7));
        assertEquals(new SubscriptionRequest("", EventEncoding.JSON), SubscriptionRequest.of("application/json", NONE));
        assertEquals(new SubscriptionRequest("cell-7", EventEncoding.JSON),
                SubscriptionRequest.of("application/x-www-form-urlencoded", JSON_CELL_7), "curl -d");
        assertEquals(new SubscriptionRequest("", EventEncoding.JSON), SubscriptionRequest.of("not a media type", NONE));
        assertEquals(ErrorType.InvalidJSON, assertThrows(DiegoException.class,
                () -> SubscriptionRequest.of("application/json", PROTO_CELL_7)).type());
    }
}
