package org.diego.core.bridge.nsync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diego.core.bridge.cc.CcHttpRoute;
import org.diego.core.bridge.cc.CcTcpRoute;
import org.diego.core.bridge.cc.RoutingInfo;
import org.diego.core.json.Json;
import org.diego.core.model.Routes;

/**
 * CC's routing info as the BBS's routes: HTTP routes grouped by (port, route service) into the
 * {@code cf-router} entries {@code {"hostnames":[...],"port":p,"route_service_url":...}}, TCP routes
 * copied into {@code tcp-router}. Both keys are always written (an empty list when CC sent none), so
 * an update that drops every route clears them, as in Diego.
 */
public final class CcRoutes {
    public static final String CF_ROUTER = "cf-router";
    public static final String TCP_ROUTER = "tcp-router";

    private CcRoutes() {
    }

    /** {@code ports} gives the default port (the first, else 8080) for HTTP routes without one. */
    public static Routes of(RoutingInfo info, List<Integer> ports) {
        int defaultPort = ports.isEmpty() ? Recipes.DEFAULT_PORT : ports.get(0);
        Map<String, com.fasterxml.jackson.databind.JsonNode> routes = new LinkedHashMap<>();
        List<CcHttpRoute> http = info.httpRoutes();
        routes.put(CF_ROUTER, Json.tree(cfRoutes(http == null ? List.of() : http, defaultPort)));
        List<CcTcpRoute> tcp = info.tcpRoutes();
        routes.put(TCP_ROUTER, Json.tree(tcp == null ? List.of() : tcp));
        return new Routes(routes);
    }

    /** {@code existing} with its cf-router and tcp-router replaced by CC's; other routers kept. */
    public static Routes merge(Routes existing, Routes fromCc) {
        Map<String, com.fasterxml.jackson.databind.JsonNode> merged = new LinkedHashMap<>(Routes.orEmpty(existing).routes());
        merged.put(CF_ROUTER, fromCc.get(CF_ROUTER));
        merged.put(TCP_ROUTER, fromCc.get(TCP_ROUTER));
        return new Routes(merged);
    }

    private static List<CfRoute> cfRoutes(List<CcHttpRoute> http, int defaultPort) {
        Map<String, CfRoute> byKey = new LinkedHashMap<>();
        for (CcHttpRoute r : http) {
            int port = r.port() == 0 ? defaultPort : r.port();
            String service = r.routeServiceUrl() == null ? "" : r.routeServiceUrl();
            CfRoute route = byKey.computeIfAbsent(port + " " + service,
                    k -> new CfRoute(new ArrayList<>(), port, service));
            route.hostnames().add(r.hostname());
        }
        return List.copyOf(byKey.values());
    }

    /** One entry of the cf-router list (Diego's routing-info cfroutes.CFRoute). */
    public record CfRoute(List<String> hostnames, int port,
                   @com.fasterxml.jackson.annotation.JsonInclude(
                           com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY) String routeServiceUrl) {
    }
}
