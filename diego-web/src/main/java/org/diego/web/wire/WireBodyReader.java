package org.diego.web.wire;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import org.diego.core.json.Json;
import org.diego.core.wire.WireCodec;

/**
 * Reads a request body into its {@code @WireMessage} record: protobuf for
 * {@code application/x-protobuf}, JSON otherwise. An empty body is the empty message, as Diego's list
 * routes are called without one. Bodies over the {@link RequestLimit} are refused.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, WireMediaTypes.PROTOBUF})
public class WireBodyReader implements MessageBodyReader<Object> {
    private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.US_ASCII);

    private final RequestLimit limit;

    public WireBodyReader() {
        this(RequestLimit.configured());
    }

    public WireBodyReader(RequestLimit limit) {
        this.limit = limit;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return WireCodec.isWireMessage(type) && (WireMediaTypes.isJson(mediaType) || WireMediaTypes.isProtobuf(mediaType));
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        byte[] bytes = limit.read(body, headers == null ? null : headers.getFirst(HttpHeaders.CONTENT_LENGTH));
        if (WireMediaTypes.isProtobuf(mediaType)) {
            return WireCodec.decode(bytes, type);
        }
        return Json.read(bytes.length == 0 ? EMPTY_JSON : bytes, type);
    }
}
