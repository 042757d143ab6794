package org.diego.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Diego's routes: router name ({@code cf-router}, {@code tcp-router}, {@code internal-router},
 * {@code diego-ssh}, ...) to that router's JSON, which the BBS stores and returns without reading.
 * In JSON it is the bare object {@code {"cf-router": [...]}}; on the protobuf wire (ProtoRoutes) each
 * value travels as the bytes of its JSON text.
 */
public record Routes(Map<String, JsonNode> routes) {
    public static final Routes EMPTY = new Routes(Map.of());

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Routes {
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        if (routes != null) {
            // A JSON null value stays a value (Diego keeps the raw "null"), it is not a missing key.
            routes.forEach((k, v) -> copy.put(k, v == null ? NullNode.getInstance() : v));
        }
        routes = Collections.unmodifiableMap(copy);
    }

    @JsonValue
    @Override
    public Map<String, JsonNode> routes() {
        return routes;
    }

    public static Routes orEmpty(Routes routes) {
        return routes == null ? EMPTY : routes;
    }

    public JsonNode get(String router) {
        return routes.get(router);
    }

    /** The summed size of the values' JSON text, the quantity Diego limits to 128 KiB. */
    public int jsonBytes() {
        int total = 0;
        for (JsonNode value : routes.values()) {
            total += Validation.utf8Length(value.toString());
        }
        return total;
    }

    public void validate(String field) {
        if (jsonBytes() > Validation.MAX_ROUTES_BYTES) {
            throw new ValidationException(field, "must be at most 128 KiB of JSON in total");
        }
    }
}
