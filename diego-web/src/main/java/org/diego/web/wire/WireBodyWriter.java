package org.diego.web.wire;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.diego.core.json.Json;
import org.diego.core.wire.WireCodec;

/** Writes a {@code @WireMessage} record as protobuf or JSON, whichever {@link ResponseTypeFilter} chose. */
@Provider
@Produces({MediaType.APPLICATION_JSON, WireMediaTypes.PROTOBUF})
public class WireBodyWriter implements MessageBodyWriter<Object> {
    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return WireCodec.isWireMessage(type) && (WireMediaTypes.isJson(mediaType) || WireMediaTypes.isProtobuf(mediaType));
    }

    @Override
    public void writeTo(Object entity, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        if (WireMediaTypes.isProtobuf(mediaType)) {
            out.write(WireCodec.encode(entity));
        } else {
            Json.write(entity, out);
        }
    }
}
