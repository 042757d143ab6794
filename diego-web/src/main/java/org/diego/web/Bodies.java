package org.diego.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.diego.core.json.Json;

/**
 * Request decoding and response encoding shared by the resources not yet converted to wire records.
 * Deprecated in favour of returning {@code @WireMessage} records (see DomainResource), which answer
 * JSON and protobuf alike.
 */
final class Bodies {
    private Bodies() {
    }

    /** Diego's list routes accept an empty body as "no filter". */
    static <T> T read(String body, Class<T> type) {
        return Json.read(body == null || body.isBlank() ? "{}" : body, type);
    }

    static Response ok(Object body) {
        return Response.ok(Json.write(body), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** A response object with one named field, e.g. {@code {"actual_lrps": [...]}}. */
    static Response ok(String field, Object value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(field, value);
        return ok(body);
    }

    static Response empty() {
        return ok(Map.of());
    }
}
