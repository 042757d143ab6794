package org.diego.web.wire;

import static org.diego.web.wire.WireMediaTypes.PROTOBUF_TYPE;
import static org.diego.web.wire.WireMediaTypes.responseType;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireMediaTypesTest {
    static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE;
    static final MediaType ANY = MediaType.WILDCARD_TYPE;

    @Test
    void acceptNamingExactlyOneWins() {
        assertEquals(PROTOBUF_TYPE, responseType(List.of(PROTOBUF_TYPE), JSON));
        assertEquals(JSON, responseType(List.of(JSON, ANY), PROTOBUF_TYPE));
        assertEquals(PROTOBUF_TYPE, responseType(List.of(MediaType.valueOf("application/x-protobuf;q=0.9")), null));
    }

    @Test
    void otherwiseTheContentTypeThenJson() {
        assertEquals(PROTOBUF_TYPE, responseType(List.of(ANY), PROTOBUF_TYPE));
        assertEquals(PROTOBUF_TYPE, responseType(List.of(JSON, PROTOBUF_TYPE), PROTOBUF_TYPE));
        assertEquals(PROTOBUF_TYPE, responseType(List.of(), PROTOBUF_TYPE));
        assertEquals(JSON, responseType(List.of(ANY), JSON));
        assertEquals(JSON, responseType(List.of(MediaType.TEXT_HTML_TYPE), MediaType.TEXT_PLAIN_TYPE));
        assertEquals(JSON, responseType(null, null));
    }
}
