package org.diego.core.convergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.diego.core.convergence.LrpConvergencePlan.InstanceUpdate;
import org.diego.core.json.Json;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpInternalRoute;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.DesiredLrpKey;
import org.diego.core.model.DesiredLrpResource;
import org.diego.core.model.DesiredLrpSchedulingInfo;
import org.diego.core.model.MetricTagValue;
import org.diego.core.model.MetricTagValue.DynamicValue;
import org.diego.core.model.ModificationTag;
import org.diego.core.model.Presence;
import org.diego.core.model.Routes;
import org.junit.jupiter.api.Test;

/** Step 12: internal-route / metric-tag drift of RUNNING rows. */
class LrpConvergenceDriftTest {
    static final long NOW = LrpConvergencePlanTest.NOW;
    static final String APPS = LrpConvergencePlanTest.APPS;
    static final Map<String, MetricTagValue> TAGS = Map.of(
            "source_id", MetricTagValue.ofStatic("web"),
            "instance_id", MetricTagValue.ofDynamic(DynamicValue.INDEX),
            "guid", MetricTagValue.ofDynamic(DynamicValue.INSTANCE_GUID));

    static DesiredLrpSchedulingInfo desired(String guid, int instances, String... hostnames) {
        Routes routes = hostnames.length == 0 ? Routes.EMPTY : new Routes(Map.of(InstanceDrift.INTERNAL_ROUTER,
                internalRouter(hostnames), "cf-router", Json.read("[{\"hostname\":\"web.example.com\",\"port\":8080}]",
                        JsonNode.class)));
        return new DesiredLrpSchedulingInfo(new DesiredLrpKey(guid, APPS, ""), "", instances,
                new DesiredLrpResource(256, 1024, "preloaded:cflinuxfs4", 0), routes, null, null, List.of());
    }

    static JsonNode internalRouter(String... hostnames) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < hostnames.length; i++) {
            b.append(i == 0 ? "" : ",").append("{\"hostname\":\"").append(hostnames[i]).append("\"}");
        }
        return Json.read(b.append("]").toString(), JsonNode.class);
    }

    static ActualLrp row(String guid, int index, ActualLrpState state, Presence presence, String cell,
                         List<ActualLrpInternalRoute> routes, Map<String, String> tags) {
        ActualLrp base = LrpConvergencePlanTest.row(guid, index, state, cell, NOW - 3600 * LrpConvergencePlanTest.SEC,
                0, presence, APPS);
        return new ActualLrp(base.processGuid(), base.index(), base.domain(), base.instanceGuid(), base.cellId(),
                base.address(), base.ports(), base.instanceAddress(), null, null, 0, "", state, "", base.since(),
                new ModificationTag("e", 1), presence, routes, tags, Boolean.TRUE, "");
    }

    static ActualLrp running(String guid, int index, List<ActualLrpInternalRoute> routes, Map<String, String> tags) {
        return row(guid, index, ActualLrpState.RUNNING, Presence.ORDINARY, "cell-1", routes, tags);
    }

    static Map<String, String> resolved(ActualLrp a) {
        return Map.of("source_id", "web", "instance_id", Integer.toString(a.index()), "guid", a.instanceGuid());
    }

    static LrpConvergencePlan plan(List<DesiredLrpSchedulingInfo> desired, List<ActualLrp> actuals,
                                   Map<String, Map<String, MetricTagValue>> tags) {
        return LrpConvergencePlanTest.CONVERGENCE.plan(new LrpConvergenceInput(desired, actuals,
                LrpConvergencePlanTest.LIVE, LrpConvergencePlanTest.FRESH, NOW, tags));
    }

    static List<ActualLrpInternalRoute> routes(String... hostnames) {
        return java.util.Arrays.stream(hostnames).map(ActualLrpInternalRoute::new).toList();
    }

    @Test
    void internalRoutesComeFromTheInternalRouterEntry() {
        assertEquals(routes("a.apps.internal", "b.apps.internal"),
                InstanceDrift.internalRoutes(desired("web", 1, "a.apps.internal", "b.apps.internal").routes()));
        assertEquals(List.of(), InstanceDrift.internalRoutes(Routes.EMPTY));
        assertEquals(List.of(), InstanceDrift.internalRoutes(
                new Routes(Map.of(InstanceDrift.INTERNAL_ROUTER, Json.read("{\"x\":1}", JsonNode.class)))));
    }

    @Test
    void metricTagsAreResolvedPerInstance() {
        assertEquals(Map.of("source_id", "web", "instance_id", "4", "guid", "ig-9"),
                InstanceDrift.metricTags(TAGS, 4, "ig-9"));
        assertEquals(Map.of(), InstanceDrift.metricTags(null, 0, "ig"));
    }

    @Test
    void inSyncRunningRowsNeedNoUpdate() {
        ActualLrp probe = running("web", 0, List.of(), Map.of());
        ActualLrp a = running("web", 0, routes("web.apps.internal"), resolved(probe));
        LrpConvergencePlan p = plan(List.of(desired("web", 1, "web.apps.internal")), List.of(a), Map.of("web", TAGS));
        assertEquals(List.of(), p.instanceUpdates());
        assertTrue(p.isEmpty());
    }

    @Test
    void changedInternalRoutesAreSentWithTheResolvedTags() {
        ActualLrp probe = running("web", 1, List.of(), Map.of());
        ActualLrp a = running("web", 1, routes("old.apps.internal"), resolved(probe));
        LrpConvergencePlan p = plan(List.of(desired("web", 2, "new.apps.internal")),
                List.of(running("web", 0, routes("new.apps.internal"), resolved(running("web", 0, List.of(), Map.of()))),
                        a), Map.of("web", TAGS));
        assertEquals(List.of(new InstanceUpdate(a, routes("new.apps.internal"), resolved(a))), p.instanceUpdates());
        assertEquals(a.instanceKey(), p.instanceUpdates().get(0).instanceKey());
        assertEquals(List.of(), p.startRequests());
    }

    @Test
    void changedMetricTagsAreSent() {
        ActualLrp a = running("web", 0, List.of(), Map.of("source_id", "old"));
        LrpConvergencePlan p = plan(List.of(desired("web", 1)), List.of(a), Map.of("web", TAGS));
        assertEquals(List.of(new InstanceUpdate(a, List.of(), resolved(a))), p.instanceUpdates());
        // Tags removed from the DesiredLRP are drift too.
        LrpConvergencePlan none = plan(List.of(desired("web", 1)), List.of(a), Map.of());
        assertEquals(List.of(new InstanceUpdate(a, List.of(), Map.of())), none.instanceUpdates());
    }

    @Test
    void onlyOrdinaryRunningRowsOnLiveCellsOfADesiredLrpWithinInstances() {
        List<ActualLrpInternalRoute> stale = routes("old.apps.internal");
        List<ActualLrp> rows = List.of(
                row("web", 0, ActualLrpState.CLAIMED, Presence.ORDINARY, "cell-1", stale, Map.of()),
                row("web", 1, ActualLrpState.RUNNING, Presence.ORDINARY, "gone", stale, Map.of()),
                row("web", 2, ActualLrpState.RUNNING, Presence.EVACUATING, "cell-1", stale, Map.of()),
                row("web", 2, ActualLrpState.UNCLAIMED, Presence.ORDINARY, "", stale, Map.of()),
                row("web", 3, ActualLrpState.CRASHED, Presence.ORDINARY, "", stale, Map.of()),
                row("web", 4, ActualLrpState.RUNNING, Presence.ORDINARY, "cell-2", stale, Map.of()), // extra index
                row("orphan", 0, ActualLrpState.RUNNING, Presence.ORDINARY, "cell-1", stale, Map.of()));
        LrpConvergencePlan p = plan(List.of(desired("web", 4, "web.apps.internal")), rows, Map.of());
        assertEquals(List.of(), p.instanceUpdates());
    }

    // ---- properties ------------------------------------------------------------------------------------

    record World(List<DesiredLrpSchedulingInfo> desired, List<ActualLrp> actuals,
                 Map<String, Map<String, MetricTagValue>> tags) {
    }

    @Provide
    Arbitrary<World> worlds() {
        Arbitrary<String> guid = Arbitraries.of("a", "b", "c");
        Arbitrary<List<ActualLrpInternalRoute>> routes = Arbitraries.of("x.internal", "y.internal")
                .list().ofMaxSize(2).map(l -> l.stream().map(ActualLrpInternalRoute::new).toList());
        Arbitrary<Map<String, String>> tags = Arbitraries.of(Map.<String, String>of(), Map.of("source_id", "s"),
                Map.of("source_id", "t"));
        Arbitrary<ActualLrp> row = Combinators.combine(guid, Arbitraries.integers().between(0, 3),
                Arbitraries.of(ActualLrpState.class), Arbitraries.of(Presence.class),
                Arbitraries.of("cell-1", "cell-2", "gone"), routes, tags)
                .as((g, i, s, pr, c, r, t) -> row(g, i, s, pr, c, r, t));
        Arbitrary<List<ActualLrp>> rows = row.list().ofMaxSize(12);
        Arbitrary<List<DesiredLrpSchedulingInfo>> desired = Combinators.combine(guid, Arbitraries.integers().between(0, 4),
                Arbitraries.of("x.internal", "y.internal").list().ofMaxSize(2))
                .as((g, n, hs) -> desired(g, n, hs.toArray(String[]::new))).list().ofMaxSize(3);
        Arbitrary<Map<String, Map<String, MetricTagValue>>> desiredTags = Arbitraries.maps(guid,
                Arbitraries.of(Map.<String, MetricTagValue>of(), Map.of("source_id", MetricTagValue.ofStatic("s")), TAGS))
                .ofMaxSize(3);
        return Combinators.combine(desired, rows, desiredTags).as(World::new);
    }

    /** Every update is for an ORDINARY RUNNING row on a live cell, whose stored values differ from the desired. */
    @Property(tries = 500)
    void updatesOnlyForDriftedRunningRows(@ForAll("worlds") World w) {
        LrpConvergencePlan p = plan(w.desired(), w.actuals(), w.tags());
        for (InstanceUpdate u : p.instanceUpdates()) {
            ActualLrp a = u.row();
            assertEquals(ActualLrpState.RUNNING, a.state());
            assertEquals(Presence.ORDINARY, a.presence());
            assertTrue(LrpConvergencePlanTest.LIVE.contains(a.cellId()));
            assertTrue(!u.internalRoutes().equals(a.actualLrpInternalRoutes()) || !u.metricTags().equals(a.metricTags()));
        }
    }

    /** Applying the updates (the cell's start carries them) leaves nothing to update. */
    @Property(tries = 500)
    void noUpdateOnceStoredEqualsDesired(@ForAll("worlds") World w) {
        LrpConvergencePlan p = plan(w.desired(), w.actuals(), w.tags());
        Map<ActualLrp, InstanceUpdate> byRow = new LinkedHashMap<>();
        p.instanceUpdates().forEach(u -> byRow.put(u.row(), u));
        List<ActualLrp> applied = new ArrayList<>();
        for (ActualLrp a : w.actuals()) {
            InstanceUpdate u = byRow.get(a);
            applied.add(u == null ? a : new ActualLrp(a.processGuid(), a.index(), a.domain(), a.instanceGuid(),
                    a.cellId(), a.address(), a.ports(), a.instanceAddress(), a.preferredAddress(),
                    a.instanceIpv6Address(), a.crashCount(), a.crashReason(), a.state(), a.placementError(), a.since(),
                    a.modificationTag(), a.presence(), u.internalRoutes(), u.metricTags(), a.routable(),
                    a.availabilityZone()));
        }
        assertEquals(List.of(), plan(w.desired(), applied, w.tags()).instanceUpdates());
    }
}
