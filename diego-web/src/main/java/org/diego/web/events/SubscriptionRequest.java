package org.diego.web.events;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.diego.core.api.EventsByCellId;
import org.diego.core.json.Json;
import org.diego.core.wire.WireCodec;
import org.diego.web.wire.RequestLimit;
import org.diego.web.wire.RequestTypeFilter;
import org.diego.web.wire.WireMediaTypes;

/**
 * What a subscription asks for: the cell filter of its {@code EventsByCellId} body ("" = every cell)
 * and how its events' {@code data} is written. Diego's client subscribes to every stream, the
 * {@code GET} group stream included, with a protobuf body and no {@code Content-Type}; so a body
 * declared protobuf, or not declared at all, is protobuf and gets Diego's base64 protobuf data. A body
 * declared anything else (JSON, or curl's form type for {@code -d}) is JSON and gets JSON data. An empty
 * body is the empty message in either case.
 */
record SubscriptionRequest(String cellId, EventEncoding encoding) {

    /** Reads the request's body (at most the configured request limit) as its declared type says. */
    static SubscriptionRequest read(ContainerRequestContext request, RequestLimit limit) {
        Object declared = request.getProperty(RequestTypeFilter.DECLARED_TYPE);
        byte[] body;
        try (InputStream in = request.getEntityStream()) {
            body = in == null ? new byte[0] : limit.read(in, request.getHeaderString(HttpHeaders.CONTENT_LENGTH));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the subscription request", e);
        }
        return of(declared == null ? null : declared.toString(), body);
    }

    /** The subscription a body of {@code declaredType} (null or "" when none was declared) asks for. */
    static SubscriptionRequest of(String declaredType, byte[] body) {
        if (isProtobuf(declaredType)) {
            return new SubscriptionRequest(WireCodec.decode(body, EventsByCellId.class).cellId(),
                    EventEncoding.PROTOBUF_BASE64);
        }
        EventsByCellId filter = body.length == 0 ? new EventsByCellId("") : Json.read(body, EventsByCellId.class);
        return new SubscriptionRequest(filter.cellId(), EventEncoding.JSON);
    }

    private static boolean isProtobuf(String declaredType) {
        if (declaredType == null || declaredType.isBlank()) {
            return true;
        }
        try {
            return WireMediaTypes.isProtobuf(MediaType.valueOf(declaredType));
        } catch (IllegalArgumentException unparseable) {
            return false;
        }
    }
}
