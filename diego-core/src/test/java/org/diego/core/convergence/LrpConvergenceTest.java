package org.diego.core.convergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.DesiredLrp.SchedulingInfo;
import org.diego.core.model.ModificationTag;
import org.diego.core.model.NetInfo;
import org.diego.core.model.Presence;
import org.diego.core.model.RestartPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** LRP convergence (§2.1, the skeleton's subset) as a pure function of desired, actual, cells and time. */
class LrpConvergenceTest {
    static final long NOW = 1_800_000_000_000_000_000L;
    static final long SEC = 1_000_000_000L;
    static final Duration STALE = Duration.ofSeconds(30);
    static final LrpConvergence CONVERGENCE = new LrpConvergence(RestartPolicy.DEFAULT, STALE);
    static final Set<String> LIVE = Set.of("cell-1", "cell-2");

    static SchedulingInfo desired(String guid, int instances) {
        return new SchedulingInfo(guid, "cf-apps", instances, 256, 1024, "preloaded:cflinuxfs4", List.of());
    }

    static ActualLrp actual(String guid, int index, ActualLrpState state, String cell, long since, int crashCount) {
        return actual(guid, index, state, cell, since, crashCount, Presence.ORDINARY);
    }

    static ActualLrp actual(String guid, int index, ActualLrpState state, String cell, long since, int crashCount,
                            Presence presence) {
        boolean owned = state == ActualLrpState.CLAIMED || state == ActualLrpState.RUNNING;
        NetInfo net = state == ActualLrpState.RUNNING ? new NetInfo("10.0.0.1", List.of(), "") : NetInfo.EMPTY;
        return new ActualLrp(guid, index, "cf-apps", owned ? "ig-" + guid + "-" + index : "", owned ? cell : "",
                net.address(), net.ports(), net.instanceAddress(), crashCount, "", state, "", since,
                new ModificationTag("e", 1), presence);
    }

    static ActualLrp running(String guid, int index, String cell) {
        return actual(guid, index, ActualLrpState.RUNNING, cell, NOW - 3600 * SEC, 0);
    }

    static ConvergenceResult converge(List<SchedulingInfo> desired, List<ActualLrp> actuals) {
        return CONVERGENCE.converge(new ConvergenceInput(desired, actuals, LIVE, NOW));
    }

    static ActualLrpKey key(String guid, int index) {
        return new ActualLrpKey(guid, index, "cf-apps");
    }

    // ---- tables, one rule at a time -------------------------------------------------------------------

    @Test
    void aHealthyLrpNeedsNothing() {
        ConvergenceResult r = converge(List.of(desired("web", 3)),
                List.of(running("web", 0, "cell-1"), running("web", 1, "cell-2"), running("web", 2, "cell-1")));
        assertTrue(r.isEmpty(), r.toString());
    }

    @Test
    void nothingDesiredNothingActual() {
        assertTrue(converge(List.of(), List.of()).isEmpty());
        assertTrue(converge(List.of(desired("zero", 0)), List.of()).isEmpty());
    }

    @Test
    void missingIndicesAreCreatedInOrderWithTheDesiredDomain() {
        ConvergenceResult r = converge(List.of(desired("web", 4), desired("api", 1)),
                List.of(running("web", 1, "cell-1")));
        assertEquals(List.of(key("web", 0), key("web", 2), key("web", 3), key("api", 0)), r.missing());
        assertTrue(r.retire().isEmpty() && r.unclaimOnMissingCell().isEmpty() && r.staleUnclaimed().isEmpty()
                && r.restartCrashed().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(ActualLrpState.class)
    void anyOrdinaryRowInAnyStateFillsItsIndex(ActualLrpState state) {
        ActualLrp row = actual("web", 0, state, "cell-1", NOW, 1);
        ConvergenceResult r = converge(List.of(desired("web", 1)), List.of(row));
        assertEquals(List.of(), r.missing());
    }

    @Test
    void nonOrdinaryRowsNeitherFillAnIndexNorGetRetired() {
        ActualLrp evacuating = actual("web", 0, ActualLrpState.RUNNING, "cell-1", NOW, 0, Presence.EVACUATING);
        ActualLrp suspect = actual("gone", 0, ActualLrpState.RUNNING, "dead", NOW, 0, Presence.SUSPECT);
        ConvergenceResult r = converge(List.of(desired("web", 1)), List.of(evacuating, suspect));
        assertEquals(List.of(key("web", 0)), r.missing());
        assertTrue(r.retire().isEmpty(), "presence rows other than ORDINARY are not this rule's business");
        assertTrue(r.unclaimOnMissingCell().isEmpty());
    }

    @Test
    void indicesAtOrAboveInstancesAreRetiredInEveryState() {
        List<ActualLrp> extra = List.of(
                running("web", 2, "cell-1"),
                actual("web", 3, ActualLrpState.CLAIMED, "cell-2", NOW, 0),
                actual("web", 4, ActualLrpState.UNCLAIMED, "", NOW - 3600 * SEC, 0),
                actual("web", 9, ActualLrpState.CRASHED, "", NOW - 3600 * SEC, 5),
                actual("web", 5, ActualLrpState.RUNNING, "dead-cell", NOW, 0));
        List<ActualLrp> all = new ArrayList<>(extra);
        all.add(running("web", 0, "cell-1"));
        all.add(running("web", 1, "cell-2"));
        ConvergenceResult r = converge(List.of(desired("web", 2)), all);
        assertEquals(Set.copyOf(extra), Set.copyOf(r.retire()));
        assertTrue(r.missing().isEmpty());
        assertTrue(r.unclaimOnMissingCell().isEmpty(), "an extra row on a dead cell is retired, not re-placed");
        assertTrue(r.staleUnclaimed().isEmpty(), "an extra stale row is retired, not re-auctioned");
        assertTrue(r.restartCrashed().isEmpty(), "an extra crashed row is retired, not restarted");
    }

    @Test
    void scalingToZeroRetiresEverything() {
        List<ActualLrp> rows = List.of(running("web", 0, "cell-1"), running("web", 1, "cell-2"));
        ConvergenceResult r = converge(List.of(desired("web", 0)), rows);
        assertEquals(rows, r.retire());
        assertTrue(r.missing().isEmpty());
    }

    @Test
    void orphansAreRetired() {
        List<ActualLrp> orphans = List.of(running("gone", 0, "cell-1"),
                actual("gone", 1, ActualLrpState.CRASHED, "", NOW - 3600 * SEC, 4),
                actual("gone", 2, ActualLrpState.UNCLAIMED, "", NOW - 3600 * SEC, 0),
                actual("gone", 3, ActualLrpState.CLAIMED, "dead", NOW, 0));
        List<ActualLrp> all = new ArrayList<>(orphans);
        all.add(running("web", 0, "cell-1"));
        ConvergenceResult r = converge(List.of(desired("web", 1)), all);
        assertEquals(orphans, r.retire());
        assertTrue(r.missing().isEmpty() && r.unclaimOnMissingCell().isEmpty() && r.staleUnclaimed().isEmpty()
                && r.restartCrashed().isEmpty());
    }

    @ParameterizedTest(name = "UNCLAIMED for {0} ns -> stale {1}")
    @CsvSource({
            "0, false",
            "1000000000, false",
            "29999999999, false",
            "30000000000, false",
            "30000000001, true",
            "3600000000000, true",
    })
    void unclaimedRowsAreReauctionedOnceOlderThan30Seconds(long ageNanos, boolean stale) {
        // Diego selects UNCLAIMED rows with since < now - 30 s: exactly 30 s is not yet stale.
        ActualLrp row = actual("web", 0, ActualLrpState.UNCLAIMED, "", NOW - ageNanos, 0);
        ConvergenceResult r = converge(List.of(desired("web", 1)), List.of(row));
        assertEquals(stale ? List.of(row) : List.of(), r.staleUnclaimed());
        assertTrue(r.missing().isEmpty(), "an unclaimed row is present, not missing");
        assertTrue(r.retire().isEmpty());
    }

    @Test
    void aPlacementFailureIsReauctionedWhenStale() {
        ActualLrp failed = actual("web", 0, ActualLrpState.UNCLAIMED, "", NOW - 31 * SEC, 0)
                .failPlacement("insufficient resources: memory");
        assertEquals(List.of(failed), converge(List.of(desired("web", 1)), List.of(failed)).staleUnclaimed());
    }

    @Test
    void theStaleThresholdIsConfigurable() {
        LrpConvergence quick = new LrpConvergence(RestartPolicy.DEFAULT, Duration.ofSeconds(5));
        ActualLrp row = actual("web", 0, ActualLrpState.UNCLAIMED, "", NOW - 6 * SEC, 0);
        assertEquals(List.of(row), quick.converge(new ConvergenceInput(List.of(desired("web", 1)), List.of(row),
                LIVE, NOW)).staleUnclaimed());
    }

    @ParameterizedTest
    @EnumSource(value = ActualLrpState.class, names = {"CLAIMED", "RUNNING"})
    void placedRowsOnMissingCellsAreUnclaimed(ActualLrpState state) {
        ActualLrp lost = actual("web", 0, state, "cell-9", NOW, 0);
        ActualLrp fine = actual("web", 1, state, "cell-1", NOW, 0);
        ConvergenceResult r = converge(List.of(desired("web", 2)), List.of(lost, fine));
        assertEquals(List.of(lost), r.unclaimOnMissingCell());
        assertTrue(r.missing().isEmpty(), "the unclaimed row keeps its index");
        assertTrue(r.retire().isEmpty());
    }

    @Test
    void withNoLiveCellsEveryPlacedRowIsUnclaimed() {
        List<ActualLrp> rows = List.of(running("web", 0, "cell-1"),
                actual("web", 1, ActualLrpState.CLAIMED, "cell-2", NOW, 0));
        ConvergenceResult r = CONVERGENCE.converge(new ConvergenceInput(List.of(desired("web", 2)), rows, Set.of(), NOW));
        assertEquals(rows, r.unclaimOnMissingCell());
    }

    @Test
    void unownedRowsDoNotCareAboutCells() {
        ActualLrp unclaimed = actual("web", 0, ActualLrpState.UNCLAIMED, "", NOW, 0);
        ActualLrp crashed = actual("web", 1, ActualLrpState.CRASHED, "", NOW, 3);
        ConvergenceResult r = CONVERGENCE.converge(new ConvergenceInput(List.of(desired("web", 2)),
                List.of(unclaimed, crashed), Set.of(), NOW));
        assertTrue(r.isEmpty(), r.toString());
    }

    @ParameterizedTest(name = "CRASHED #{0}, crashed {1} s ago -> restart {2}")
    @CsvSource({
            "3, 0, false",
            "3, 29, false",
            "3, 30, true",
            "4, 59, false",
            "4, 60, true",
            "5, 120, true",
            "6, 239, false",
            "6, 240, true",
            "7, 480, true",
            "8, 959, false",
            "8, 960, true",
            "9, 960, true",
            "199, 959, false",
            "199, 960, true",
            "200, 999999, false",
            "250, 999999, false",
    })
    void crashedRowsRestartAfterTheirBackoff(int crashCount, long secondsAgo, boolean restart) {
        ActualLrp crashed = actual("web", 0, ActualLrpState.CRASHED, "", NOW - secondsAgo * SEC, crashCount);
        ConvergenceResult r = converge(List.of(desired("web", 1)), List.of(crashed));
        assertEquals(restart ? List.of(crashed) : List.of(), r.restartCrashed());
        assertTrue(r.missing().isEmpty(), "a crashed row still holds its index");
        assertTrue(r.retire().isEmpty(), "a crashed row of a desired index is never retired");
    }

    @Test
    void crashedBoundaryIsExactToTheNanosecond() {
        ActualLrp early = actual("web", 0, ActualLrpState.CRASHED, "", NOW - 30 * SEC + 1, 3);
        ActualLrp due = actual("web", 1, ActualLrpState.CRASHED, "", NOW - 30 * SEC, 3);
        ConvergenceResult r = converge(List.of(desired("web", 2)), List.of(early, due));
        assertEquals(List.of(due), r.restartCrashed());
    }

    @Test
    void allRulesTogether() {
        ActualLrp healthy = running("web", 0, "cell-1");
        ActualLrp lost = running("web", 1, "dead");
        ActualLrp stale = actual("web", 2, ActualLrpState.UNCLAIMED, "", NOW - 60 * SEC, 0);
        ActualLrp crashed = actual("web", 3, ActualLrpState.CRASHED, "", NOW - 60 * SEC, 4);
        ActualLrp extra = running("web", 7, "cell-2");
        ActualLrp orphan = running("old", 0, "cell-2");
        ConvergenceResult r = converge(List.of(desired("web", 6)),
                List.of(healthy, lost, stale, crashed, extra, orphan));
        assertEquals(List.of(key("web", 4), key("web", 5)), r.missing());
        assertEquals(List.of(lost), r.unclaimOnMissingCell());
        assertEquals(List.of(stale), r.staleUnclaimed());
        assertEquals(List.of(crashed), r.restartCrashed());
        assertEquals(List.of(extra, orphan), r.retire());
        assertFalse(r.isEmpty());
    }

    // ---- properties -------------------------------------------------------------------------------------

    static final List<String> CELLS = List.of("cell-1", "cell-2", "cell-3", "dead-1");

    record World(List<SchedulingInfo> desired, List<ActualLrp> actuals, Set<String> live) {
    }

    @Provide
    Arbitrary<World> worlds() {
        Arbitrary<List<SchedulingInfo>> desired = Arbitraries.integers().between(0, 5).list().ofMaxSize(4)
                .map(counts -> {
                    List<SchedulingInfo> out = new ArrayList<>();
                    for (int i = 0; i < counts.size(); i++) {
                        out.add(desired("p" + i, counts.get(i)));
                    }
                    return out;
                });
        Arbitrary<Long> age = Arbitraries.oneOf(
                Arbitraries.of(0L, 1L, 30 * SEC - 1, 30 * SEC, 30 * SEC + 1, 60 * SEC, 960 * SEC, 3600 * SEC),
                Arbitraries.longs().between(0, 7200 * SEC));
        Arbitrary<ActualLrp> row = Combinators.combine(
                Arbitraries.integers().between(0, 5), // guid p0..p5: some have no desired LRP
                Arbitraries.integers().between(0, 7),
                Arbitraries.of(ActualLrpState.class),
                Arbitraries.of(CELLS),
                age,
                Arbitraries.oneOf(Arbitraries.integers().between(0, 10), Arbitraries.of(199, 200, 201)),
                Arbitraries.of(Presence.ORDINARY, Presence.ORDINARY, Presence.ORDINARY, Presence.EVACUATING,
                        Presence.SUSPECT))
                .as((g, i, st, cell, a, crashes, presence) -> actual("p" + g, i, st, cell, NOW - a, crashes, presence));
        Arbitrary<List<ActualLrp>> rows = row.list().ofMaxSize(20).map(list -> {
            // The database key is (process_guid, index, presence): at most one row each.
            Map<String, ActualLrp> unique = new HashMap<>();
            list.forEach(a -> unique.putIfAbsent(a.processGuid() + "/" + a.index() + "/" + a.presence(), a));
            return List.copyOf(unique.values());
        });
        Arbitrary<Set<String>> live = Arbitraries.of(CELLS).set();
        return Combinators.combine(desired, rows, live).as(World::new);
    }

    static ConvergenceResult converge(World w) {
        return CONVERGENCE.converge(new ConvergenceInput(w.desired(), w.actuals(), w.live(), NOW));
    }

    static Set<ActualLrpKey> ordinaryKeys(Collection<ActualLrp> rows) {
        return rows.stream().filter(a -> a.presence() == Presence.ORDINARY).map(ActualLrp::key)
                .collect(Collectors.toSet());
    }

    @Property(tries = 500)
    void everyMissingIndexAppearsExactlyOnce(@ForAll("worlds") World w) {
        ConvergenceResult r = converge(w);
        Set<ActualLrpKey> present = ordinaryKeys(w.actuals());
        List<ActualLrpKey> expected = new ArrayList<>();
        for (SchedulingInfo d : w.desired()) {
            for (int i = 0; i < d.instances(); i++) {
                ActualLrpKey k = new ActualLrpKey(d.processGuid(), i, d.domain());
                if (!present.contains(k)) {
                    expected.add(k);
                }
            }
        }
        assertEquals(expected.size(), r.missing().size(), "no duplicates: " + r.missing());
        assertEquals(Set.copyOf(expected), Set.copyOf(r.missing()));
    }

    @Property(tries = 500)
    void noKeyIsBothMissingAndPresent(@ForAll("worlds") World w) {
        ConvergenceResult r = converge(w);
        Set<ActualLrpKey> missing = Set.copyOf(r.missing());
        Set<ActualLrpKey> present = ordinaryKeys(w.actuals());
        Set<ActualLrpKey> overlap = new HashSet<>(missing);
        overlap.retainAll(present);
        assertTrue(overlap.isEmpty(), "missing yet present: " + overlap);
        Set<ActualLrpKey> repaired = ordinaryKeys(Stream.of(r.unclaimOnMissingCell(), r.restartCrashed(),
                r.staleUnclaimed()).flatMap(List::stream).toList());
        repaired.retainAll(missing);
        assertTrue(repaired.isEmpty(), "a repaired row's key must not also be created: " + repaired);
    }

    @Property(tries = 500)
    void aRunningRowOnALiveCellOfADesiredIndexIsNeverTouched(@ForAll("worlds") World w) {
        ConvergenceResult r = converge(w);
        Map<String, Integer> instances = w.desired().stream()
                .collect(Collectors.toMap(SchedulingInfo::processGuid, SchedulingInfo::instances));
        Set<ActualLrp> touched = Stream.of(r.unclaimOnMissingCell(), r.restartCrashed(), r.staleUnclaimed(),
                r.retire()).flatMap(List::stream).collect(Collectors.toSet());
        for (ActualLrp a : w.actuals()) {
            boolean healthy = a.presence() == Presence.ORDINARY && a.state() == ActualLrpState.RUNNING
                    && w.live().contains(a.cellId()) && a.index() < instances.getOrDefault(a.processGuid(), 0);
            if (healthy) {
                assertFalse(touched.contains(a), "touched a healthy instance " + a);
                assertFalse(r.missing().contains(a.key()));
            }
        }
    }

    @Property(tries = 300)
    void everyRowGetsAtMostOneRepairAndEachRuleKeepsToItsStates(@ForAll("worlds") World w) {
        ConvergenceResult r = converge(w);
        List<ActualLrp> all = Stream.of(r.unclaimOnMissingCell(), r.restartCrashed(), r.staleUnclaimed(),
                r.retire()).flatMap(List::stream).toList();
        assertEquals(all.size(), new HashSet<>(all).size(), "a row appears in one list once");
        assertTrue(w.actuals().containsAll(all), "only input rows come out");
        all.forEach(a -> assertEquals(Presence.ORDINARY, a.presence()));
        r.unclaimOnMissingCell().forEach(a -> {
            assertTrue(a.state() == ActualLrpState.CLAIMED || a.state() == ActualLrpState.RUNNING);
            assertFalse(w.live().contains(a.cellId()));
        });
        r.restartCrashed().forEach(a -> assertEquals(ActualLrpState.CRASHED, a.state()));
        r.staleUnclaimed().forEach(a -> {
            assertEquals(ActualLrpState.UNCLAIMED, a.state());
            assertTrue(NOW - a.since() > STALE.toNanos());
        });
        Map<String, Integer> instances = w.desired().stream()
                .collect(Collectors.toMap(SchedulingInfo::processGuid, SchedulingInfo::instances));
        for (ActualLrp a : w.actuals()) {
            if (a.presence() != Presence.ORDINARY) {
                continue;
            }
            boolean unwanted = a.index() >= instances.getOrDefault(a.processGuid(), 0);
            assertEquals(unwanted, r.retire().contains(a), "retired iff orphaned or extra: " + a);
        }
    }
}
