package org.diego.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.diego.core.events.ActualLrpInfo;
import org.diego.core.json.Json;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpGroup;
import org.diego.core.model.ActualLrpInternalRoute;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.DiegoError;
import org.diego.core.model.ErrorType;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.ModificationTag;
import org.diego.core.model.NetInfo;
import org.diego.core.model.PortMapping;
import org.diego.core.model.PreferredAddress;
import org.diego.core.model.Presence;
import org.diego.core.wire.WireMessage;
import org.junit.jupiter.api.Test;

/** The JSON names of the ActualLRP model and API messages, as Diego's jsontags spell them. */
class ActualLrpWireTest {
    static final NetInfo NET = new NetInfo("10.0.0.3", List.of(new PortMapping(8080, 61000, 61443, 61001)),
            "172.16.1.2", PreferredAddress.HOST, "fd00::2");
    static final ActualLrp FULL = new ActualLrp("web", 1, "cf-apps", "ig", "cell-1", NET.address(), NET.ports(),
            NET.instanceAddress(), NET.preferredAddress(), NET.instanceIpv6Address(), 0, "", ActualLrpState.RUNNING, "",
            5L, new ModificationTag("ep", 2), Presence.EVACUATING, List.of(new ActualLrpInternalRoute("web.apps.internal")),
            Map.of("space", "dev"), true, "z1");

    @Test
    void actualLrpCarriesDiegosNewFieldsAndRoundTrips() {
        String json = Json.write(FULL);
        for (String expected : List.of("\"preferred_address\":\"HOST\"", "\"instance_ipv6_address\":\"fd00::2\"",
                "\"container_tls_proxy_port\":61443", "\"host_tls_proxy_port\":61001",
                "\"actual_lrp_internal_routes\":[{\"hostname\":\"web.apps.internal\"}]",
                "\"metric_tags\":{\"space\":\"dev\"}", "\"routable\":true", "\"availability_zone\":\"z1\"",
                "\"presence\":\"EVACUATING\"")) {
            assertTrue(json.contains(expected), expected + " in " + json);
        }
        assertEquals(FULL, Json.read(json, ActualLrp.class));
    }

    @Test
    void recordsWithAConvenienceConstructorStillDecodeThroughTheCanonicalOne() {
        assertEquals(new PortMapping(8080, 1, 0, 0), Json.read("{\"container_port\":8080,\"host_port\":1}", PortMapping.class));
        NetInfo net = Json.read("{\"address\":\"a\"}", NetInfo.class);
        assertEquals(PreferredAddress.UNKNOWN, net.preferredAddress(), "absent preference is UNKNOWN");
        assertEquals(NET, Json.read(Json.write(NET), NetInfo.class));
    }

    @Test
    void olderRowsWithoutTheNewFieldsDecodeWithEmptyValues() {
        ActualLrp old = Json.read("{\"process_guid\":\"p\",\"index\":0,\"domain\":\"d\",\"state\":\"UNCLAIMED\","
                + "\"since\":1,\"modification_tag\":{\"epoch\":\"e\",\"index\":0}}", ActualLrp.class);
        assertEquals(List.of(), old.actualLrpInternalRoutes());
        assertEquals(Map.of(), old.metricTags());
        assertNull(old.routable(), "routable stays unset");
        assertEquals("", old.availabilityZone());
    }

    @Test
    void startRequestKeepsItsNestedKeysAndReadsDiegosCapitalisedRoutable() {
        StartActualLrpRequest start = new StartActualLrpRequest(new ActualLrpKey("p", 0, "d"), new InstanceKey("ig", "c"),
                NET, List.of(new ActualLrpInternalRoute("h")), Map.of("k", "v"), false, "z1");
        String json = Json.write(start);
        assertTrue(json.startsWith("{\"actual_lrp_key\":{\"process_guid\":\"p\",\"index\":0,\"domain\":\"d\"},"
                + "\"actual_lrp_instance_key\":{\"instance_guid\":\"ig\",\"cell_id\":\"c\"},\"actual_lrp_net_info\":{"), json);
        assertTrue(json.contains("\"routable\":false"), json);
        assertEquals(start, Json.read(json, StartActualLrpRequest.class));
        assertEquals(start, Json.read(json.replace("\"routable\"", "\"Routable\""), StartActualLrpRequest.class));
        assertTrue(Json.read("{}", StartActualLrpRequest.class).runningInfo().routable(), "absent Routable means routable");
        assertFalse(start.runningInfo().routable());
        assertEquals(List.of(), start.runningInfoR0().internalRoutes(), "r0 ignores internal routes");
        assertEquals(Map.of(), start.runningInfoR0().metricTags(), "r0 ignores metric tags");
    }

    @Test
    void evacuateRunningUsesTheSameNames() {
        String json = "{\"actual_lrp_key\":{\"process_guid\":\"p\",\"index\":2,\"domain\":\"d\"},"
                + "\"actual_lrp_instance_key\":{\"instance_guid\":\"ig\",\"cell_id\":\"c\"},"
                + "\"actual_lrp_net_info\":{\"address\":\"1.2.3.4\",\"ports\":[],\"preferred_address\":\"INSTANCE\"},"
                + "\"actual_lrp_internal_routes\":[{\"hostname\":\"h\"}],\"metric_tags\":{\"a\":\"b\"},"
                + "\"Routable\":true,\"availability_zone\":\"z2\"}";
        EvacuateRunningActualLrpRequest r = Json.read(json, EvacuateRunningActualLrpRequest.class).validate();
        assertEquals(PreferredAddress.INSTANCE, r.actualLrpNetInfo().preferredAddress());
        assertEquals("z2", r.runningInfo().availabilityZone());
        assertEquals(List.of(new ActualLrpInternalRoute("h")), r.runningInfo().internalRoutes());
    }

    @Test
    void claimAndRemoveKeepProcessGuidAndIndexAtTheTop() {
        String claim = Json.write(new ClaimActualLrpRequest("p", 3, new InstanceKey("ig", "c")));
        assertEquals("{\"process_guid\":\"p\",\"index\":3,\"actual_lrp_instance_key\":{\"instance_guid\":\"ig\",\"cell_id\":\"c\"}}",
                claim);
        RemoveActualLrpRequest remove = Json.read("{\"process_guid\":\"p\",\"index\":1}", RemoveActualLrpRequest.class);
        assertNull(remove.actualLrpInstanceKey(), "an absent instance key stays absent: remove then takes any row");
    }

    @Test
    void listFiltersLeaveAnAbsentIndexUnset() {
        assertNull(Json.read("{\"process_guid\":\"p\"}", ActualLrpsRequest.class).index());
        assertEquals(0, Json.read("{\"index\":0}", ActualLrpsRequest.class).index());
        assertEquals("{\"process_guids\":[\"a\",\"b\"]}", Json.write(new ActualLrpsByProcessGuidsRequest(List.of("a", "b"))));
    }

    @Test
    void responsesPutTheErrorFirstAndOmitItWhenOk() {
        assertEquals("{}", Json.write(ActualLrpLifecycleResponse.OK));
        assertEquals("{\"keep_container\":true}", Json.write(new EvacuationResponse(null, true)));
        assertEquals("{\"error\":{\"type\":\"ResourceNotFound\",\"message\":\"m\"},\"keep_container\":false}",
                Json.write(new EvacuationResponse(new DiegoError(ErrorType.ResourceNotFound, "m"), false)));
        assertTrue(Json.write(ActualLrpsResponse.of(List.of(FULL))).startsWith("{\"actual_lrps\":[{\"process_guid\""));
        String groups = Json.write(ActualLrpGroupsResponse.of(List.of(new ActualLrpGroup(null, FULL))));
        assertTrue(groups.startsWith("{\"actual_lrp_groups\":[{\"evacuating\":{"), groups);
    }

    @Test
    void eventInfoNamesRoutableAsDiegoDoes() {
        String json = Json.write(ActualLrpInfo.of(FULL));
        assertTrue(json.contains("\"routable\":true") && json.contains("\"availability_zone\":\"z1\""), json);
        assertFalse(json.contains("actual_lrp_internal_routes"), "ActualLRPInfo carries no routes: " + json);
        assertEquals(ActualLrpInfo.of(FULL), Json.read(json, ActualLrpInfo.class));
    }

    @Test
    void everyApiRecordNamesItsDiegoMessage() {
        List<Class<?>> records = List.of(ActualLrpsRequest.class, ActualLrpsResponse.class,
                ActualLrpsByProcessGuidsRequest.class, ActualLrpsByProcessGuidsResponse.class,
                ActualLrpLifecycleResponse.class, ClaimActualLrpRequest.class, StartActualLrpRequest.class,
                CrashActualLrpRequest.class, FailActualLrpRequest.class, RemoveActualLrpRequest.class,
                RetireActualLrpRequest.class, RemoveEvacuatingActualLrpRequest.class,
                RemoveEvacuatingActualLrpResponse.class, EvacuateClaimedActualLrpRequest.class,
                EvacuateCrashedActualLrpRequest.class, EvacuateStoppedActualLrpRequest.class,
                EvacuateRunningActualLrpRequest.class, EvacuationResponse.class, ActualLrpGroupsRequest.class,
                ActualLrpGroupsByProcessGuidRequest.class, ActualLrpGroupByProcessGuidAndIndexRequest.class,
                ActualLrpGroupsResponse.class, ActualLrpGroupResponse.class);
        for (Class<?> c : records) {
            WireMessage wire = c.getAnnotation(WireMessage.class);
            assertTrue(wire != null, c.getSimpleName());
            assertEquals(c.getSimpleName().replace("Lrp", "LRP"), wire.value());
        }
    }
}
