package org.diego.core.auction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.CellPresence;
import org.diego.core.model.CellPresence.CellCapacity;
import org.diego.core.model.CellPresence.RootfsProvider;
import org.diego.core.model.DesiredLrpSchedulingInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Placement as Diego's auction scheduler does it (§4): filters, failure texts, spreading, scoring. */
class SchedulerTest {
    static final String ROOTFS = "preloaded:cflinuxfs4";
    static final List<RootfsProvider> PRELOADED = List.of(new RootfsProvider("preloaded", List.of("cflinuxfs4")));

    static CellState cell(String id, String zone, int mem, int disk, int containers) {
        return cell(id, zone, mem, disk, containers, List.of(), List.of());
    }

    static CellState cell(String id, String zone, int mem, int disk, int containers, List<String> required,
                          List<String> optional) {
        return new CellState(new CellPresence(id, "10.0.0.1:1800", zone, new CellCapacity(mem, disk, containers),
                PRELOADED, required, optional, null));
    }

    static CellState cellWithRootfs(String id, List<RootfsProvider> providers) {
        return new CellState(new CellPresence(id, "addr", "z1", new CellCapacity(4096, 4096, 10), providers,
                null, null, null));
    }

    static LrpAuction lrp(String guid, int index, int mem, int disk) {
        return lrp(guid, index, mem, disk, ROOTFS, List.of());
    }

    static LrpAuction lrp(String guid, int index, int mem, int disk, String rootfs, List<String> tags) {
        return new LrpAuction(new ActualLrpKey(guid, index, "cf-apps"),
                DesiredLrpSchedulingInfo.of(guid, "cf-apps", index + 1, mem, disk, rootfs, tags));
    }

    static Map<String, String> winners(AuctionResult r) {
        Map<String, String> out = new HashMap<>();
        r.placements().forEach((cellId, list) -> list.forEach(a -> out.put(a.identifier(), cellId)));
        return out;
    }

    static String failure(AuctionResult r, String identifier) {
        return r.failures().stream().filter(f -> f.auction().identifier().equals(identifier)).findFirst()
                .map(AuctionResult.Failure::reason).orElseThrow(() -> new AssertionError(identifier + " did not fail: " + r));
    }

    // ---- batch handling ---------------------------------------------------------------------------------

    @Test
    void duplicatesOfGuidDotIndexAreAuctionedOnce() {
        List<CellState> cells = List.of(cell("c1", "z1", 4096, 4096, 10), cell("c2", "z1", 4096, 4096, 10));
        AuctionResult r = Scheduler.schedule(List.of(lrp("web", 0, 128, 128), lrp("web", 0, 128, 128),
                lrp("web", 1, 128, 128), lrp("web", 0, 999, 999), lrp("api", 0, 128, 128)), cells);
        List<String> placed = r.placements().values().stream().flatMap(List::stream).map(LrpAuction::identifier)
                .sorted().toList();
        assertEquals(List.of("api.0", "web.0", "web.1"), placed);
        assertTrue(r.failures().isEmpty());
        LrpAuction web0 = r.placements().values().stream().flatMap(List::stream)
                .filter(a -> a.identifier().equals("web.0")).findFirst().orElseThrow();
        assertEquals(128, web0.info().memoryMb(), "the first occurrence wins");
    }

    @Test
    void identifierIsGuidDotIndex() {
        assertEquals("my-app.7", lrp("my-app", 7, 1, 1).identifier());
    }

    @Test
    void indexZeroGoesFirstWhenCapacityIsShort() {
        // One free container: every app's first instance beats other apps' later instances, whatever their size.
        List<CellState> cells = List.of(cell("c1", "z1", 4096, 4096, 1));
        AuctionResult r = Scheduler.schedule(List.of(lrp("big", 1, 2048, 10), lrp("small", 0, 16, 10)), cells);
        assertEquals(Map.of("small.0", "c1"), winners(r));
        assertEquals("insufficient resources: containers", failure(r, "big.1"));
    }

    @Test
    void lowerIndicesGoBeforeHigherOnesThenLargerMemoryFirst() {
        // Diego sorts by index ascending, then memory descending.
        List<CellState> oneSlot = List.of(cell("c1", "z1", 4096, 4096, 1));
        AuctionResult byIndex = Scheduler.schedule(List.of(lrp("a", 5, 2048, 1), lrp("b", 1, 64, 1)), oneSlot);
        assertEquals(Set.of("b.1"), winners(byIndex).keySet());

        List<CellState> oneSlotAgain = List.of(cell("c1", "z1", 4096, 4096, 1));
        AuctionResult byMemory = Scheduler.schedule(List.of(lrp("a", 1, 64, 1), lrp("b", 1, 2048, 1)), oneSlotAgain);
        assertEquals(Set.of("b.1"), winners(byMemory).keySet());
    }

    // ---- spreading and scoring ------------------------------------------------------------------------------

    @Test
    void instancesOfOneProcessSpreadAcrossCells() {
        List<CellState> cells = List.of(cell("c1", "z1", 4096, 4096, 100), cell("c2", "z1", 4096, 4096, 100),
                cell("c3", "z1", 4096, 4096, 100));
        // c1 already holds other work, but co-location (1000 per instance) outweighs any resource score.
        cells.get(0).allocate("other", 2048, 2048);
        AuctionResult r = Scheduler.schedule(List.of(lrp("web", 0, 256, 256), lrp("web", 1, 256, 256),
                lrp("web", 2, 256, 256)), cells);
        assertEquals(Set.of("c1", "c2", "c3"), new HashSet<>(winners(r).values()));
        cells.forEach(c -> assertEquals(1, c.instancesOf("web"), c.cellId()));
    }

    @Test
    void aCellAlreadyRunningTheProcessIsAvoided() {
        List<CellState> cells = List.of(cell("busy", "z1", 4096, 4096, 100), cell("full", "z1", 4096, 4096, 100));
        cells.get(0).allocate("web", 64, 64);
        cells.get(1).allocate("other", 3500, 3500);
        AuctionResult r = Scheduler.schedule(List.of(lrp("web", 1, 64, 64)), cells);
        assertEquals(Map.of("web.1", "full"), winners(r));
    }

    @Test
    void instancesSpreadAcrossZones() {
        // z1 has two roomy cells, z2 one fuller cell: the second instance still goes to z2.
        List<CellState> cells = List.of(cell("a1", "z1", 8192, 8192, 100), cell("a2", "z1", 8192, 8192, 100),
                cell("b1", "z2", 4096, 4096, 100));
        cells.get(2).allocate("other", 3000, 3000);
        AuctionResult r = Scheduler.schedule(List.of(lrp("web", 0, 256, 256), lrp("web", 1, 256, 256)), cells);
        Map<String, String> w = winners(r);
        Set<String> zones = w.values().stream().map(id -> id.startsWith("a") ? "z1" : "z2").collect(Collectors.toSet());
        assertEquals(Set.of("z1", "z2"), zones, w.toString());
    }

    @Test
    void zoneBalanceBeatsCellColocation() {
        // z1 has an empty cell without the process; z2 is loaded. z1 already holds one instance (on a1),
        // so the new instance goes to z2 even though a2 has no instance of it and more room.
        List<CellState> cells = List.of(cell("a1", "z1", 8192, 8192, 100), cell("a2", "z1", 8192, 8192, 100),
                cell("b1", "z2", 8192, 8192, 100));
        cells.get(0).allocate("web", 256, 256);
        cells.get(2).allocate("other", 6000, 6000);
        AuctionResult r = Scheduler.schedule(List.of(lrp("web", 1, 256, 256)), cells);
        assertEquals(Map.of("web.1", "b1"), winners(r));
    }

    @Test
    void zonesWithEqualLoadAreScoredTogether() {
        List<CellState> cells = List.of(cell("a1", "z1", 4096, 4096, 100), cell("b1", "z2", 4096, 4096, 100));
        cells.get(0).allocate("other", 2000, 2000);
        AuctionResult r = Scheduler.schedule(List.of(lrp("web", 0, 100, 100)), cells);
        assertEquals(Map.of("web.0", "b1"), winners(r), "both zones hold 0 instances: the emptier cell wins");
    }

    @Test
    void aZoneWithoutRoomIsSkippedForTheNextZone() {
        List<CellState> cells = List.of(cell("a1", "z1", 100, 4096, 100), cell("b1", "z2", 4096, 4096, 100));
        cells.get(1).allocate("web", 256, 256);
        AuctionResult r = Scheduler.schedule(List.of(lrp("web", 1, 256, 256)), cells);
        assertEquals(Map.of("web.1", "b1"), winners(r), "z1 has fewer instances but no memory");
    }

    @Test
    void theLeastLoadedCellWins() {
        List<CellState> cells = List.of(cell("c1", "z1", 1000, 1000, 10), cell("c2", "z1", 1000, 1000, 10),
                cell("c3", "z1", 1000, 1000, 10));
        cells.get(0).allocate("x", 500, 100);
        cells.get(1).allocate("y", 100, 100);
        cells.get(2).allocate("z", 100, 500);
        cells.get(2).allocate("z2", 10, 10);
        AuctionResult r = Scheduler.schedule(List.of(lrp("web", 0, 100, 100)), cells);
        assertEquals(Map.of("web.0", "c2"), winners(r));
    }

    @Test
    void scoreIsMeanUsedFractionAfterPlacementPlusColocation() {
        CellState c = cell("c", "z", 1000, 2000, 10);
        c.allocate("web", 100, 200);
        double expected = ((100 + 100) / 1000.0 + (200 + 200) / 2000.0 + 2 / 10.0) / 3.0 + 1000.0;
        assertEquals(expected, c.score("web", 100, 200), 1e-9);
        assertEquals(expected - 1000.0, c.score("api", 100, 200), 1e-9);
    }

    @Test
    void tiesGoToTheLowestCellId() {
        List<CellState> cells = List.of(cell("c-b", "z1", 1000, 1000, 10), cell("c-a", "z1", 1000, 1000, 10));
        AuctionResult r = Scheduler.schedule(List.of(lrp("web", 0, 10, 10)), cells);
        assertEquals(Map.of("web.0", "c-a"), winners(r));
    }

    @Test
    void placementsAreRecordedOnTheCellSnapshot() {
        CellState c = cell("c1", "z1", 1000, 1000, 10);
        AuctionResult r = Scheduler.schedule(List.of(lrp("web", 0, 300, 300), lrp("web", 1, 300, 300),
                lrp("web", 2, 300, 300), lrp("web", 3, 300, 300)), List.of(c));
        assertEquals(3, c.instancesOf("web"));
        assertEquals(3, r.placements().get("c1").size());
        assertEquals("insufficient resources: disk, memory", failure(r, "web.3"));
    }

    // ---- filters and failure texts ----------------------------------------------------------------------------

    @Test
    void noCellsMeansUnableToCommunicate() {
        AuctionResult r = Scheduler.schedule(List.of(lrp("a", 0, 1, 1), lrp("b", 3, 1, 1)), List.of());
        assertTrue(r.placements().isEmpty());
        assertEquals(2, r.failures().size());
        r.failures().forEach(f -> assertEquals("unable to communicate to compatible cells", f.reason()));
        assertEquals(Scheduler.NO_CELLS, failure(r, "a.0"));
    }

    @Test
    void rootfsFilter() {
        List<CellState> cells = List.of(cell("c1", "z1", 4096, 4096, 10),
                cellWithRootfs("d1", List.of(new RootfsProvider("docker", null))));
        AuctionResult r = Scheduler.schedule(List.of(lrp("pre", 0, 1, 1, ROOTFS, List.of()),
                lrp("dock", 0, 1, 1, "docker:///cloudfoundry/grace", List.of()),
                lrp("other", 0, 1, 1, "preloaded:windows2016", List.of()),
                lrp("weird", 0, 1, 1, "oci://x", List.of())), cells);
        assertEquals(Map.of("pre.0", "c1", "dock.0", "d1"), winners(r));
        assertEquals("found no compatible cell for required rootfs", failure(r, "other.0"));
        assertEquals(Scheduler.NO_ROOTFS, failure(r, "weird.0"));
    }

    @Test
    void rootfsIsCheckedBeforePlacementTags() {
        List<CellState> cells = List.of(cell("c1", "z1", 4096, 4096, 10, List.of("x"), List.of()));
        AuctionResult r = Scheduler.schedule(List.of(lrp("a", 0, 1, 1, "preloaded:nope", List.of("y"))), cells);
        assertEquals(Scheduler.NO_ROOTFS, failure(r, "a.0"));
    }

    @ParameterizedTest(name = "cell required={0} optional={1}, desired={2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "      |      |      | true",
            "      |      | a    | false",
            "a     |      | a    | true",
            "a     |      |      | false",
            "a     |      | a b  | false",
            "      | b    |      | true",
            "      | b    | b    | true",
            "      | b    | c    | false",
            "a     | b    | a b  | true",
            "a     | b    | b    | false",
            "a     | b    | a    | true",
            "a b   | c d  | a b d| true",
            "a b   | c d  | a d  | false",
            "a     | a    | a    | true",
    })
    void placementTagRuleRequiredSubsetOfDesiredSubsetOfRequiredPlusOptional(String required, String optional,
                                                                            String desired, boolean matches) {
        CellState c = cell("c1", "z1", 4096, 4096, 10, tags(required), tags(optional));
        assertEquals(matches, c.matchesPlacementTags(tags(desired)));
        AuctionResult r = Scheduler.schedule(List.of(lrp("a", 0, 1, 1, ROOTFS, tags(desired))), List.of(c));
        assertEquals(matches, r.failures().isEmpty(), r.toString());
    }

    static List<String> tags(String spaceSeparated) {
        return spaceSeparated == null || spaceSeparated.isBlank() ? List.of() : List.of(spaceSeparated.trim().split("\\s+"));
    }

    @Test
    void placementTagFailureTextsAreDiegos() {
        List<CellState> cells = List.of(cell("c1", "z1", 4096, 4096, 10, List.of("req"), List.of()));
        AuctionResult r = Scheduler.schedule(List.of(
                lrp("none", 0, 1, 1, ROOTFS, List.of()),
                lrp("one", 0, 1, 1, ROOTFS, List.of("x")),
                lrp("two", 0, 1, 1, ROOTFS, List.of("x", "y")),
                lrp("three", 0, 1, 1, ROOTFS, List.of("x", "y", "z"))), cells);
        assertEquals("found no compatible cell with no placement tags", failure(r, "none.0"));
        assertEquals("found no compatible cell with placement tag \"x\"", failure(r, "one.0"));
        assertEquals("found no compatible cell with placement tags \"x\" and \"y\"", failure(r, "two.0"));
        assertEquals("found no compatible cell with placement tags \"x\", \"y\" and \"z\"", failure(r, "three.0"));
        assertTrue(failure(r, "three.0").startsWith(Scheduler.TAG_MISMATCH));
    }

    @Test
    void taggedCellsOnlyTakeMatchingWork() {
        List<CellState> cells = List.of(cell("plain", "z1", 4096, 4096, 10),
                cell("gpu", "z1", 4096, 4096, 10, List.of("gpu"), List.of()));
        AuctionResult r = Scheduler.schedule(List.of(lrp("ml", 0, 1, 1, ROOTFS, List.of("gpu")),
                lrp("web", 0, 1, 1, ROOTFS, List.of())), cells);
        assertEquals(Map.of("ml.0", "gpu", "web.0", "plain"), winners(r));
    }

    @Test
    void insufficientResourcesNamesOnlyWhatEveryCellLacks() {
        // c1 lacks memory; c2 lacks memory and disk -> only memory is common.
        List<CellState> cells = List.of(cell("c1", "z1", 100, 4096, 10), cell("c2", "z2", 100, 100, 10));
        AuctionResult r = Scheduler.schedule(List.of(lrp("a", 0, 512, 512)), cells);
        assertEquals("insufficient resources: memory", failure(r, "a.0"));
    }

    @Test
    void insufficientResourcesWithNothingInCommonNamesNothing() {
        List<CellState> cells = List.of(cell("c1", "z1", 100, 4096, 10), cell("c2", "z1", 4096, 100, 10));
        AuctionResult r = Scheduler.schedule(List.of(lrp("a", 0, 512, 512)), cells);
        assertEquals("insufficient resources", failure(r, "a.0"));
    }

    @Test
    void insufficientResourcesListsEverythingInDiegosOrder() {
        List<CellState> cells = List.of(cell("c1", "z1", 100, 100, 0));
        AuctionResult r = Scheduler.schedule(List.of(lrp("a", 0, 512, 512)), cells);
        assertEquals("insufficient resources: containers, disk, memory", failure(r, "a.0"));
    }

    @Test
    void incompatibleCellsDoNotHideAResourceProblem() {
        // The big cell cannot run the rootfs, so it must not make "memory" look like a non-common problem.
        List<CellState> cells = List.of(cell("small", "z1", 100, 4096, 10),
                cellWithRootfs("big-docker", List.of(new RootfsProvider("docker", null))));
        AuctionResult r = Scheduler.schedule(List.of(lrp("a", 0, 512, 1)), cells);
        assertEquals("insufficient resources: memory", failure(r, "a.0"));
    }

    @Test
    void exactFitIsAccepted() {
        List<CellState> cells = List.of(cell("c1", "z1", 512, 512, 1));
        AuctionResult r = Scheduler.schedule(List.of(lrp("a", 0, 512, 512)), cells);
        assertEquals(Map.of("a.0", "c1"), winners(r));
        assertEquals(Set.of(CellState.Resource.containers, CellState.Resource.disk, CellState.Resource.memory),
                cells.get(0).shortfall(1, 1));
        assertTrue(cells.get(0).shortfall(0, 0).contains(CellState.Resource.containers));
    }

    // ---- property: never over-allocate; every auction has exactly one outcome -----------------------------

    record CellSpec(String id, String zone, int mem, int disk, int containers, int usedMem, int usedDisk, int used,
                    boolean docker, List<String> required, List<String> optional) {
        CellState build() {
            List<RootfsProvider> providers = docker ? List.of(new RootfsProvider("docker", null)) : PRELOADED;
            CellState c = new CellState(new CellPresence(id, "addr", zone, new CellCapacity(mem, disk, containers),
                    providers, required, optional, null));
            // Pre-existing work spread as `used` containers, within capacity.
            for (int i = 0; i < used; i++) {
                c.allocate("pre", i == 0 ? usedMem : 0, i == 0 ? usedDisk : 0);
            }
            return c;
        }
    }

    static Arbitrary<List<String>> sortedTags() {
        return Arbitraries.of("a", "b", "c").set().ofMaxSize(2).map(t -> List.copyOf(new TreeSet<>(t)));
    }

    @Provide
    Arbitrary<List<CellSpec>> cellSpecs() {
        Arbitrary<List<String>> tagSets = sortedTags();
        Arbitrary<int[]> capacity = Combinators.combine(Arbitraries.integers().between(0, 4096),
                Arbitraries.integers().between(0, 4096), Arbitraries.integers().between(0, 8),
                Arbitraries.doubles().between(0, 1)).as((m, d, n, f) -> {
                    int used = (int) (n * f);
                    return new int[] {m, d, n, used > 0 ? (int) (m * f) : 0, used > 0 ? (int) (d * f) : 0, used};
                });
        Arbitrary<CellSpec> spec = Combinators.combine(Arbitraries.of("z1", "z2", "z3"), capacity,
                Arbitraries.integers().between(0, 9).map(i -> i < 8), // mostly preloaded cells
                tagSets.injectNull(0.6), tagSets.injectNull(0.6))
                .as((zone, cap, preloaded, req, opt) -> new CellSpec(null, zone, cap[0], cap[1], cap[2], cap[3],
                        cap[4], cap[5], !preloaded, req == null ? List.of() : req, opt == null ? List.of() : opt));
        return spec.list().ofMinSize(0).ofMaxSize(6).map(list -> {
            List<CellSpec> named = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                CellSpec s = list.get(i);
                named.add(new CellSpec("cell-" + i, s.zone(), s.mem(), s.disk(), s.containers(), s.usedMem(),
                        s.usedDisk(), s.used(), s.docker(), s.required(), s.optional()));
            }
            return named;
        });
    }

    @Provide
    Arbitrary<List<LrpAuction>> batches() {
        Arbitrary<LrpAuction> one = Combinators.combine(Arbitraries.of("web", "api", "worker", "db"),
                Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 2048),
                Arbitraries.integers().between(0, 2048),
                Arbitraries.of(ROOTFS, ROOTFS, ROOTFS, "docker:///img", "preloaded:other"),
                sortedTags())
                .as((g, i, m, d, r, t) -> lrp(g, i, m, d, r, t));
        return one.list().ofMaxSize(25);
    }

    @Property(tries = 400)
    void neverOverAllocatesAndEveryAuctionHasExactlyOneOutcome(@ForAll("cellSpecs") List<CellSpec> specs,
                                                               @ForAll("batches") List<LrpAuction> batch) {
        List<CellState> cells = specs.stream().map(CellSpec::build).toList();
        AuctionResult r = Scheduler.schedule(batch, cells);

        Set<String> unique = batch.stream().map(LrpAuction::identifier).collect(Collectors.toSet());
        List<String> outcomes = new ArrayList<>();
        r.placements().values().forEach(l -> l.forEach(a -> outcomes.add(a.identifier())));
        r.failures().forEach(f -> outcomes.add(f.auction().identifier()));
        assertEquals(unique.size(), outcomes.size(), "one outcome per guid.index: " + outcomes);
        assertEquals(unique, new HashSet<>(outcomes));

        Map<String, CellSpec> byId = specs.stream().collect(Collectors.toMap(CellSpec::id, s -> s));
        r.placements().forEach((cellId, placed) -> {
            CellSpec s = byId.get(cellId);
            assertTrue(s != null, "placed on an unknown cell " + cellId);
            assertFalse(placed.isEmpty());
            int mem = s.usedMem() + placed.stream().mapToInt(a -> a.info().memoryMb()).sum();
            int disk = s.usedDisk() + placed.stream().mapToInt(a -> a.info().diskMb()).sum();
            int containers = s.used() + placed.size();
            assertTrue(mem <= s.mem(), cellId + " memory " + mem + " > " + s.mem());
            assertTrue(disk <= s.disk(), cellId + " disk " + disk + " > " + s.disk());
            assertTrue(containers <= s.containers(), cellId + " containers " + containers + " > " + s.containers());
            CellState state = cells.stream().filter(c -> c.cellId().equals(cellId)).findFirst().orElseThrow();
            for (LrpAuction a : placed) {
                assertTrue(state.supportsRootfs(a.info().rootfs()), a + " on " + cellId);
                assertTrue(state.matchesPlacementTags(a.info().placementTags()), a + " on " + cellId);
            }
        });

        for (AuctionResult.Failure f : r.failures()) {
            assertNotEquals("", f.reason());
            if (cells.isEmpty()) {
                assertEquals(Scheduler.NO_CELLS, f.reason());
            } else {
                assertTrue(f.reason().startsWith("found no compatible cell")
                        || f.reason().startsWith("insufficient resources"), f.reason());
            }
        }
    }
}
