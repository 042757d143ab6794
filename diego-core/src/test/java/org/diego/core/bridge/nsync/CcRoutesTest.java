package org.diego.core.bridge.nsync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.diego.core.bridge.cc.CcHttpRoute;
import org.diego.core.bridge.cc.CcTcpRoute;
import org.diego.core.bridge.cc.RoutingInfo;
import org.diego.core.json.Json;
import org.diego.core.model.Routes;
import org.junit.jupiter.api.Test;

/** CC's routing info → the cf-router and tcp-router route lists. */
class CcRoutesTest {

    @Test
    void httpRoutesGroupByPortAndRouteService() {
        Routes r = CcRoutes.of(RoutingInfo.of(List.of(
                new CcHttpRoute("a", null, 0), new CcHttpRoute("b", "", 8080), new CcHttpRoute("c", "https://rs", 0),
                new CcHttpRoute("d", null, 9000)), null), List.of(8080, 9000));
        assertEquals("[{\"hostnames\":[\"a\",\"b\"],\"port\":8080},"
                + "{\"hostnames\":[\"c\"],\"port\":8080,\"route_service_url\":\"https://rs\"},"
                + "{\"hostnames\":[\"d\"],\"port\":9000}]", r.get("cf-router").toString());
    }

    @Test
    void noRoutingInfoGivesEmptyListsForBothRouters() {
        Routes r = CcRoutes.of(RoutingInfo.EMPTY, List.of());
        assertEquals("[]", r.get("cf-router").toString());
        assertEquals("[]", r.get("tcp-router").toString());
    }

    @Test
    void tcpRoutesAreCopied() {
        Routes r = CcRoutes.of(RoutingInfo.of(null, List.of(new CcTcpRoute("rg", 61000, 0))), List.of(8080));
        assertEquals("[{\"router_group_guid\":\"rg\",\"external_port\":61000}]", r.get("tcp-router").toString());
    }

    @Test
    void mergeKeepsOtherRouters() {
        Routes existing = new Routes(Map.of("internal-router", Json.readTree("[1]"), "cf-router", Json.readTree("[2]")));
        Routes merged = CcRoutes.merge(existing, CcRoutes.of(RoutingInfo.EMPTY, List.of()));
        assertEquals("[1]", merged.get("internal-router").toString());
        assertEquals("[]", merged.get("cf-router").toString());
        assertEquals("[]", merged.get("tcp-router").toString());
    }

    @Test
    void unknownRoutingKeysAreIgnored() {
        RoutingInfo info = Json.read("{\"http_routes\": [{\"hostname\": \"x\"}], \"future\": {\"a\": 1}}", RoutingInfo.class);
        assertEquals("[{\"hostnames\":[\"x\"],\"port\":8080}]", CcRoutes.of(info, List.of()).get("cf-router").toString());
    }
}
