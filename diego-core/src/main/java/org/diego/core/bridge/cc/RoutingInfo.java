package org.diego.core.bridge.cc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diego.core.json.Json;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ValidationException;

/**
 * CC's {@code routing_info}: router kind ({@code http_routes}, {@code tcp_routes}) to its routes as raw
 * JSON, like Diego's {@code CCRouteInfo}. Other keys are carried but not read. An absent kind is
 * {@code null} from the accessors, which is not the same as an empty list: nsync then writes an empty
 * route list for that router.
 */
public record RoutingInfo(Map<String, JsonNode> routes) {
    public static final String HTTP_ROUTES = "http_routes";
    public static final String TCP_ROUTES = "tcp_routes";
    public static final RoutingInfo EMPTY = new RoutingInfo(Map.of());

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public RoutingInfo {
        routes = routes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(routes));
    }

    @JsonValue
    @Override
    public Map<String, JsonNode> routes() {
        return routes;
    }

    public static RoutingInfo orEmpty(RoutingInfo info) {
        return info == null ? EMPTY : info;
    }

    public static RoutingInfo of(List<CcHttpRoute> http, List<CcTcpRoute> tcp) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        if (http != null) {
            m.put(HTTP_ROUTES, Json.tree(http));
        }
        if (tcp != null) {
            m.put(TCP_ROUTES, Json.tree(tcp));
        }
        return new RoutingInfo(m);
    }

    /** The HTTP routes, or null when CC sent none; a malformed list is an error naming the field. */
    public List<CcHttpRoute> httpRoutes() {
        return read(HTTP_ROUTES, CcHttpRoute[].class);
    }

    /** The TCP routes, or null when CC sent none. */
    public List<CcTcpRoute> tcpRoutes() {
        return read(TCP_ROUTES, CcTcpRoute[].class);
    }

    private <T> List<T> read(String key, Class<T[]> type) {
        JsonNode node = routes.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new ValidationException("routing_info." + key, "must be a list of routes");
        }
        try {
            return List.of(Json.fromTree(node, type));
        } catch (DiegoException | NullPointerException e) {
            throw new ValidationException("routing_info." + key, "is not a list of " + key.replace('_', ' ')
                    + ": " + e.getMessage());
        }
    }
}
