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

/**
 * Writes a {@code @WireMessage} record as protobuf or JSON, whichever {@link ResponseTypeFilter} chose.
 * Both stream: JSON straight from the records through Jackson's generator, protobuf one list element at
 * a time ({@link WireCodec#encode(Object, OutputStream)}), so a listing of 100,000 rows is never held
 * as one tree or one byte array.
 */
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
            WireCodec.encode(entity, out);
        } else {
            Json.write(entity, out);
        }
    }
}
