package org.diego.core.auction;

import static org.diego.core.auction.SchedulerTest.PRELOADED;
import static org.diego.core.auction.SchedulerTest.ROOTFS;
import static org.diego.core.auction.SchedulerTest.cell;
import static org.diego.core.auction.SchedulerTest.failure;
import static org.diego.core.auction.SchedulerTest.lrp;
import static org.diego.core.auction.SchedulerTest.winners;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.diego.core.auction.PlacementExplanation.CellVerdict;
import org.diego.core.auction.PlacementExplanation.Verdict;
import org.diego.core.model.CellPresence;
import org.diego.core.model.CellPresence.CellCapacity;
import org.diego.core.model.CellPresence.RootfsProvider;
import org.junit.jupiter.api.Test;

/**
 * Diego's rules the skeleton scheduler lacked: starting-container weight, bin-pack-first-fit,
 * tasks, volume drivers, in-flight limit, evacuating cells, proxy memory, and the placement
 * explanation.
 */
class DiegoRulesTest {
    static final AuctionConfig DEFAULTS = AuctionConfig.DEFAULTS;

    static TaskAuction task(String guid, int mem, int disk) {
        return new TaskAuction(guid, "d", mem, disk, ROOTFS, List.of(), List.of());
    }

    static LrpAuction lrpWithDrivers(String guid, int index, List<String> drivers, List<String> tags) {
        return LrpAuction.of(guid, index, "d", 1, 1, ROOTFS, tags, drivers);
    }

    static Map<String, String> taskWinners(AuctionResult r) {
        Map<String, String> out = new HashMap<>();
        r.taskPlacements().forEach((cellId, list) -> list.forEach(t -> out.put(t.taskGuid(), cellId)));
        return out;
    }

    static String taskFailure(AuctionResult r, String guid) {
        return r.taskFailures().stream().filter(f -> f.task().taskGuid().equals(guid)).findFirst()
                .map(AuctionResult.TaskFailure::reason).orElseThrow(() -> new AssertionError(guid + " did not fail"));
    }

    static AuctionResult schedule(List<LrpAuction> lrps, List<TaskAuction> tasks, List<CellState> cells) {
        return Scheduler.schedule(lrps, tasks, cells, DEFAULTS);
    }

    // ---- configuration -------------------------------------------------------------------------------------

    @Test
    void defaultsAreDiegos() {
        assertEquals(0.25, DEFAULTS.startingContainerWeight());
        assertEquals(0.0, DEFAULTS.binPackFirstFitWeight());
        assertEquals(0, DEFAULTS.startingContainerCountMaximum());
        assertEquals(new AuctionConfig(0.25, 0.0, 0), DEFAULTS);
        assertThrows(IllegalArgumentException.class, () -> new AuctionConfig(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new AuctionConfig(0.25, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new AuctionConfig(0.25, 0, -1));
        assertEquals(7, DEFAULTS.withStartingContainerCountMaximum(7).startingContainerCountMaximum());
    }

    // ---- scoring -------------------------------------------------------------------------------------------

    @Test
    void resourceScoreIsMeanUsedFractionAfterPlacementPlusStartingWeight() {
        CellState c = cell("c", "z", 1000, 2000, 10).setStartingContainerCount(3);
        c.allocate("web", 100, 200);
        double mean = ((100 + 100) / 1000.0 + (200 + 200) / 2000.0 + 2 / 10.0) / 3.0;
        assertEquals(mean + 3 * 0.25, c.resourceScore(100, 200, 0.25), 1e-12);
        assertEquals(mean + 3 * 0.25 + 1000.0, c.score("web", 100, 200, 0.25), 1e-12);
        assertEquals(mean + 3 * 0.5, c.score("api", 100, 200, 0.5), 1e-12);
        c.allocateTask(0, 0);
        c.allocateTask(0, 0);
        double meanWithTasks = ((100 + 100) / 1000.0 + (200 + 200) / 2000.0 + 4 / 10.0) / 3.0;
        assertEquals(meanWithTasks + 0.75 + 2000.0, c.taskScore(100, 200, 0.25), 1e-12);
    }

    @Test
    void startingContainersOutweighALittleMoreLoad() {
        // "busy" uses 10% more of everything, "starting" is starting one container: 0.1 < 0.25, busy wins.
        CellState busy = cell("busy", "z1", 1000, 1000, 100);
        busy.allocate("other", 100, 100);
        for (int i = 0; i < 9; i++) {
            busy.allocate("other" + i, 0, 0);
        }
        CellState starting = cell("starting", "z1", 1000, 1000, 100).setStartingContainerCount(1);
        AuctionResult r = schedule(List.of(lrp("web", 0, 10, 10)), List.of(), List.of(busy, starting));
        assertEquals(Map.of("web.0", "busy"), winners(r));

        // Without the weight, the emptier cell wins.
        CellState busy2 = cell("busy", "z1", 1000, 1000, 100).allocate("other", 100, 100);
        CellState starting2 = cell("starting", "z1", 1000, 1000, 100).setStartingContainerCount(1);
        AuctionResult r2 = Scheduler.schedule(List.of(lrp("web", 0, 10, 10)), List.of(), List.of(busy2, starting2),
                DEFAULTS.withStartingContainerWeight(0));
        assertEquals(Map.of("web.0", "starting"), winners(r2));
    }

    @Test
    void placementsInTheBatchCountAsStartingContainers() {
        CellState a = cell("a", "z1", 1000, 1000, 100);
        CellState b = cell("b", "z1", 1000, 1000, 100);
        b.allocate("other", 150, 150); // b is 15% fuller: without starting weight a would take both
        AuctionResult r = schedule(List.of(lrp("x", 0, 1, 1), lrp("y", 0, 1, 1)), List.of(), List.of(a, b));
        assertEquals(Set.of("a", "b"), Set.copyOf(winners(r).values()));
        assertEquals(1, a.startingContainerCount());
        assertEquals(1, b.startingContainerCount());
    }

    @Test
    void binPackFirstFitFavoursLowIndicesNormalisedPerZone() {
        // Raw indices 10/20 in z1 and 7 in z2: normalised to 0/1 and 0.
        CellState a = cell("a", "z1", 1000, 1000, 100).setCellIndex(20);
        CellState b = cell("b", "z1", 1000, 1000, 100).setCellIndex(10);
        CellState c = cell("c", "z2", 1000, 1000, 100).setCellIndex(7);
        b.allocate("other", 300, 300);
        c.allocate("other", 200, 200);
        AuctionConfig config = new AuctionConfig(0.25, 0.5, 0);
        AuctionResult r = Scheduler.schedule(List.of(lrp("web", 0, 1, 1)), List.of(), List.of(a, b, c), config);
        // b (index 0 in z1) and c (index 0 in z2) pay no index penalty; c is emptier than b; a pays 0.5.
        assertEquals(Map.of("web.0", "c"), winners(r));
        // Default weight 0: the emptiest cell wins.
        CellState a2 = cell("a", "z1", 1000, 1000, 100).setCellIndex(20);
        CellState c2 = cell("c", "z2", 1000, 1000, 100).setCellIndex(7).allocate("other", 200, 200);
        assertEquals(Map.of("web.0", "a"), winners(schedule(List.of(lrp("web", 0, 1, 1)), List.of(), List.of(a2, c2))));
    }

    @Test
    void binPackFirstFitFillsTheLowestIndexFirstAsFarAsTheWeightAllows() {
        List<CellState> cells = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            cells.add(cell("c" + i, "z1", 100, 100, 100).setCellIndex(i));
        }
        List<LrpAuction> batch = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            batch.add(lrp("app" + i, 0, 1, 1));
        }
        // Each placement costs 0.01 + 0.25 (starting); the index costs 0.75 per step, so the next placement on
        // c_k with n there scores (n+1)*0.01 + n*0.25 + 0.75k: c0 takes 3 before c1 gets one; c2 never pays off.
        AuctionResult r = Scheduler.schedule(batch, List.of(), cells, new AuctionConfig(0.25, 0.75, 0));
        assertEquals(List.of(6, 3, 0), cells.stream().map(c -> r.placements().getOrDefault(c.cellId(), List.of()).size())
                .toList());
    }

    // ---- zones ---------------------------------------------------------------------------------------------

    @Test
    void theZoneWithFewestInstancesWinsEvenWhenItsCellsAreFull() {
        List<CellState> cells = List.of(cell("a", "z1", 1000, 1000, 100), cell("b", "z2", 1000, 1000, 100),
                cell("c", "z3", 1000, 1000, 100));
        cells.get(0).allocate("web", 1, 1);
        cells.get(1).allocate("web", 1, 1);
        cells.get(2).allocate("other", 900, 900);
        AuctionResult r = schedule(List.of(lrp("web", 2, 1, 1)), List.of(), cells);
        assertEquals(Map.of("web.2", "c"), winners(r));
    }

    // ---- ordering ------------------------------------------------------------------------------------------

    @Test
    void indexZeroLrpsThenTasksThenTheOtherLrps() {
        // Two containers: index 0 first, then the task, and the later index is left out.
        List<CellState> cells = List.of(cell("c1", "z1", 4096, 4096, 2));
        AuctionResult r = schedule(List.of(lrp("web", 1, 2048, 1), lrp("api", 0, 1, 1)),
                List.of(task("t1", 1, 1)), cells);
        assertEquals(Map.of("api.0", "c1"), winners(r));
        assertEquals(Map.of("t1", "c1"), taskWinners(r));
        assertEquals("insufficient resources: containers", failure(r, "web.1"));
    }

    @Test
    void tasksGoLargestMemoryFirst() {
        List<CellState> cells = List.of(cell("c1", "z1", 4096, 4096, 1));
        AuctionResult r = schedule(List.of(), List.of(task("small", 10, 1), task("big", 1000, 1)), cells);
        assertEquals(Map.of("big", "c1"), taskWinners(r));
        assertEquals("insufficient resources: containers", taskFailure(r, "small"));
    }

    @Test
    void duplicateTasksAreAuctionedOnce() {
        List<CellState> cells = List.of(cell("c1", "z1", 4096, 4096, 10));
        AuctionResult r = schedule(List.of(), List.of(task("t", 1, 1), task("t", 2, 2), task("u", 1, 1)), cells);
        assertEquals(2, r.taskPlacements().get("c1").size());
        assertEquals(1, r.taskPlacements().get("c1").stream().filter(t -> t.taskGuid().equals("t")).findFirst()
                .orElseThrow().memoryMb());
    }

    // ---- tasks ---------------------------------------------------------------------------------------------

    @Test
    void tasksSpreadOneThousandPerTaskOnTheCell() {
        // "full" is much fuller, but "empty" already has a task: 1000 per task outweighs any resource score.
        CellState empty = cell("empty", "z1", 1000, 1000, 100).allocateTask(0, 0);
        CellState full = cell("full", "z2", 1000, 1000, 100).allocate("x", 900, 900);
        AuctionResult r = schedule(List.of(), List.of(task("t1", 10, 10), task("t2", 10, 10)), List.of(empty, full));
        assertEquals(Map.of("t1", "full", "t2", "empty"), taskWinners(r));
    }

    @Test
    void tasksIgnoreZonesAndLrpColocation() {
        CellState a = cell("a", "z1", 1000, 1000, 100).allocate("t", 0, 0).allocate("t", 0, 0);
        CellState b = cell("b", "z2", 1000, 1000, 100).allocate("x", 500, 500);
        AuctionResult r = schedule(List.of(), List.of(task("t", 10, 10)), List.of(a, b));
        assertEquals(Map.of("t", "a"), taskWinners(r));
    }

    @Test
    void taskFailureTexts() {
        List<CellState> cells = List.of(cell("c1", "z1", 100, 100, 10, List.of("req"), List.of()));
        AuctionResult r = schedule(List.of(), List.of(
                new TaskAuction("rootfs", "d", 1, 1, "preloaded:nope", List.of(), List.of()),
                new TaskAuction("tags", "d", 1, 1, ROOTFS, List.of("x"), List.of()),
                new TaskAuction("fits", "d", 1, 1, ROOTFS, List.of("req"), List.of()),
                new TaskAuction("huge", "d", 1000, 1, ROOTFS, List.of("req"), List.of())), cells);
        assertEquals(Scheduler.NO_ROOTFS, taskFailure(r, "rootfs"));
        assertEquals("found no compatible cell with placement tag \"x\"", taskFailure(r, "tags"));
        assertEquals("insufficient resources: memory", taskFailure(r, "huge"));
        assertEquals(Map.of("fits", "c1"), taskWinners(r));
        AuctionResult none = schedule(List.of(lrp("a", 0, 1, 1)), List.of(task("t", 1, 1)), List.of());
        assertEquals(Scheduler.NO_CELLS, taskFailure(none, "t"));
        assertEquals(Scheduler.NO_CELLS, failure(none, "a.0"));
    }

    @Test
    void workGroupsLrpsAndTasksPerCell() {
        List<CellState> cells = List.of(cell("c1", "z1", 4096, 4096, 10));
        AuctionResult r = schedule(List.of(lrp("a", 0, 1, 1)), List.of(task("t", 1, 1)), cells);
        AuctionResult.CellWork w = r.work().get("c1");
        assertEquals(List.of("a.0"), w.lrps().stream().map(LrpAuction::identifier).toList());
        assertEquals(List.of("t"), w.tasks().stream().map(TaskAuction::taskGuid).toList());
        assertEquals(2, r.placedCount());
        assertEquals(0, r.failedCount());
    }

    // ---- volume drivers and filter precedence ---------------------------------------------------------------

    @Test
    void volumeDriversMustAllBeOfferedByTheCell() {
        CellState plain = cell("plain", "z1", 1000, 1000, 10);
        CellState nfs = cell("nfs", "z1", 1000, 1000, 10).setVolumeDrivers(List.of("nfs", "smb"));
        AuctionResult r = schedule(List.of(lrpWithDrivers("a", 0, List.of("nfs"), List.of()),
                lrpWithDrivers("b", 0, List.of("nfs", "smb"), List.of()),
                lrpWithDrivers("c", 0, List.of("nfs", "ceph"), List.of())), List.of(), List.of(plain, nfs));
        assertEquals(Map.of("a.0", "nfs", "b.0", "nfs"), winners(r));
        assertEquals("found no compatible cell with required volume drivers", failure(r, "c.0"));
    }

    @Test
    void theMostSpecificFilterErrorAcrossCellsWins() {
        CellState docker = new CellState(new CellPresence("docker", "a", "z1", new CellCapacity(100, 100, 10),
                List.of(new RootfsProvider("docker", null)), null, null, null));
        CellState noDriver = cell("no-driver", "z2", 100, 100, 10);
        CellState tagged = cell("tagged", "z3", 100, 100, 10, List.of("gpu"), List.of()).setVolumeDrivers(List.of("nfs"));
        // rootfs fails on docker, drivers on no-driver, tags on tagged: the tag error is the most specific.
        AuctionResult r = schedule(List.of(lrpWithDrivers("a", 0, List.of("nfs"), List.of())), List.of(),
                List.of(docker, noDriver, tagged));
        assertEquals("found no compatible cell with no placement tags", failure(r, "a.0"));
        // Without the tagged cell, the driver error is.
        AuctionResult r2 = schedule(List.of(lrpWithDrivers("a", 0, List.of("nfs"), List.of())), List.of(),
                List.of(cell("no-driver", "z2", 100, 100, 10), new CellState(docker.presence())));
        assertEquals(Scheduler.NO_VOLUME_DRIVERS, failure(r2, "a.0"));
    }

    // ---- in-flight limit, evacuation, proxy, bad input ------------------------------------------------------

    @Test
    void inFlightLimitCountsStartingContainersOnCellsAndInTheBatch() {
        CellState c1 = cell("c1", "z1", 1000, 1000, 100).setStartingContainerCount(1);
        CellState c2 = cell("c2", "z2", 1000, 1000, 100);
        AuctionResult r = Scheduler.schedule(List.of(lrp("a", 0, 1, 1), lrp("b", 0, 1, 1), lrp("c", 1, 1, 1)),
                List.of(task("t", 1, 1)), List.of(c1, c2), DEFAULTS.withStartingContainerCountMaximum(3));
        assertEquals(2, winners(r).size(), r.toString());
        assertEquals("waiting to start instance: reached in-flight start limit", taskFailure(r, "t"));
        assertEquals(Scheduler.IN_FLIGHT_LIMIT, failure(r, "c.1"));
        assertTrue(r.explain("c.1").cells().isEmpty());

        CellState c3 = cell("c3", "z1", 1000, 1000, 100).setStartingContainerCount(50);
        AuctionResult unlimited = schedule(List.of(lrp("a", 0, 1, 1)), List.of(), List.of(c3));
        assertEquals(Map.of("a.0", "c3"), winners(unlimited), "0 means unlimited");
    }

    @Test
    void evacuatingCellsAreSkipped() {
        CellState leaving = cell("leaving", "z1", 1000, 1000, 100).setEvacuating(true);
        CellState staying = cell("staying", "z1", 1000, 1000, 100).allocate("x", 900, 900);
        AuctionResult r = schedule(List.of(lrp("a", 0, 1, 1)), List.of(), List.of(leaving, staying));
        assertEquals(Map.of("a.0", "staying"), winners(r));
        AuctionResult none = schedule(List.of(lrp("a", 0, 1, 1)), List.of(),
                List.of(cell("leaving", "z1", 1000, 1000, 100).setEvacuating(true)));
        assertEquals(Scheduler.NO_CELLS, failure(none, "a.0"));
    }

    @Test
    void proxyMemoryCountsForLrpsNotTasks() {
        CellState c = cell("c", "z1", 100, 1000, 10).setProxyMemoryAllocationMb(32);
        AuctionResult r = schedule(List.of(lrp("a", 0, 80, 1)), List.of(task("t", 80, 1)), List.of(c));
        assertEquals("insufficient resources: memory", failure(r, "a.0"));
        assertEquals(Map.of("t", "c"), taskWinners(r));
    }

    @Test
    void negativeRequestsAreNeverPlaced() {
        CellState c = cell("c", "z1", 100, 100, 10);
        AuctionResult r = schedule(List.of(lrp("a", 0, -5, 1)), List.of(task("t", 1, -1)), List.of(c));
        assertEquals(Scheduler.INVALID_REQUEST, failure(r, "a.0"));
        assertEquals(Scheduler.INVALID_REQUEST, taskFailure(r, "t"));
        assertEquals(100, c.availableMemoryMb());
    }

    // ---- placement explanation ------------------------------------------------------------------------------

    @Test
    void aFailedAuctionExplainsEveryCell() {
        List<CellState> cells = List.of(
                cell("evac", "z1", 1000, 1000, 10).setEvacuating(true),
                new CellState(new CellPresence("docker", "a", "z1", new CellCapacity(1000, 1000, 10),
                        List.of(new RootfsProvider("docker", null)), null, null, null)),
                cell("no-nfs", "z1", 1000, 1000, 10),
                cell("gpu", "z2", 1000, 1000, 10, List.of("gpu"), List.of()).setVolumeDrivers(List.of("nfs")),
                cell("small", "z2", 100, 1000, 10).setVolumeDrivers(List.of("nfs")),
                cell("tiny", "z2", 100, 100, 0).setVolumeDrivers(List.of("nfs")));
        LrpAuction big = LrpAuction.of("web", 0, "d", 500, 500, ROOTFS, List.of(), List.of("nfs"));
        AuctionResult r = schedule(List.of(big), List.of(), cells);
        assertEquals("insufficient resources: memory", failure(r, "web.0"));
        PlacementExplanation e = r.explain("web.0");
        assertEquals("insufficient resources: memory", e.reason());
        assertNull(e.winner());
        assertEquals(Verdict.EVACUATING, e.cell("evac").verdict());
        assertEquals(Verdict.ROOTFS, e.cell("docker").verdict());
        assertEquals(Verdict.VOLUME_DRIVERS, e.cell("no-nfs").verdict());
        assertEquals(Verdict.PLACEMENT_TAGS, e.cell("gpu").verdict());
        CellVerdict small = e.cell("small");
        assertEquals(Verdict.INSUFFICIENT_RESOURCES, small.verdict());
        assertEquals(Set.of(CellState.Resource.memory), small.missing());
        assertEquals(Set.of(CellState.Resource.containers, CellState.Resource.disk, CellState.Resource.memory),
                e.cell("tiny").missing());
        assertEquals(6, e.cells().size());
        String text = e.describe();
        assertTrue(text.startsWith("web.0: insufficient resources: memory"), text);
        assertTrue(text.contains("small (zone z2): insufficient memory"), text);
        assertTrue(text.contains("tiny (zone z2): insufficient containers, disk, memory"), text);
        assertTrue(text.contains("gpu (zone z2): filtered, placement tags do not match"), text);
        assertTrue(text.contains("evac (zone z1): skipped, evacuating"), text);
    }

    @Test
    void successfulPlacementsAreExplainedOnRequestWithScores() {
        List<CellState> cells = List.of(cell("a1", "z1", 1000, 1000, 100), cell("a2", "z1", 1000, 1000, 100),
                cell("b1", "z2", 1000, 1000, 100), cell("b2", "z2", 1000, 1000, 100));
        cells.get(0).allocate("web", 10, 10);
        cells.get(3).allocate("other", 500, 500);
        AuctionResult r = Scheduler.schedule(List.of(lrp("web", 1, 10, 10)), List.of(), cells,
                DEFAULTS.withExplainPlacements(true));
        assertEquals(Map.of("web.1", "b1"), winners(r));
        PlacementExplanation e = r.explain("web.1");
        assertTrue(e.placed());
        assertEquals("b1", e.winner());
        assertEquals(Verdict.WINNER, e.cell("b1").verdict());
        assertEquals(Verdict.OUTSCORED, e.cell("b2").verdict());
        assertEquals(Verdict.ZONE_NOT_REACHED, e.cell("a2").verdict());
        assertEquals(1, e.cell("a2").zoneInstances());
        assertEquals(0, e.cell("b1").zoneInstances());
        assertTrue(e.cell("b1").score() < e.cell("b2").score());
        assertTrue(e.cell("a1").score() > 1000, "co-located instance costs 1000");
        assertTrue(e.describe().contains("b1 (zone z2): winner, score 0.0100"), e.describe());
        assertTrue(e.describe().contains("holds 1 instance(s) of the process"), e.describe());

        AuctionResult quiet = schedule(List.of(lrp("x", 0, 1, 1)), List.of(),
                List.of(cell("c", "z", 100, 100, 10)));
        assertTrue(quiet.explanations().isEmpty(), "successes are not explained by default");
    }

    @Test
    void explanationsAreCappedPerRound() {
        List<LrpAuction> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(lrp("big" + i, 0, 5000, 1));
        }
        AuctionResult r = Scheduler.schedule(batch, List.of(), List.of(cell("c", "z", 100, 100, 10)),
                DEFAULTS.withMaxExplanations(3));
        assertEquals(10, r.failures().size());
        assertEquals(3, r.explanations().size());
    }

    @Test
    void taskExplanationsHaveNoZoneCounts() {
        AuctionResult r = schedule(List.of(), List.of(task("t", 5000, 1)), List.of(cell("c", "z", 100, 100, 10)));
        CellVerdict v = r.explain("t").cell("c");
        assertEquals(Verdict.INSUFFICIENT_RESOURCES, v.verdict());
        assertNull(v.zoneInstances());
    }

    @Test
    void helpersShareTheTestFixtures() {
        assertEquals(List.of(new RootfsProvider("preloaded", List.of("cflinuxfs4"))), PRELOADED);
    }
}
