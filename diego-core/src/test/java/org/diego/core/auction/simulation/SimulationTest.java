package org.diego.core.auction.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Logger;
import org.diego.core.auction.AuctionConfig;
import org.diego.core.auction.LrpAuction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Diego's simulation scenarios ({@code auction:simulation/simulation_test.go}) with Diego's pass
 * criteria: 100 simulated cells in two zones, 100 MB / 100 MB / 100 containers each, every request
 * 1 MB of disk; each scenario uses the first {@code ncells} cells.
 */
class SimulationTest {
    private static final Logger LOG = Logger.getLogger(SimulationTest.class.getName());

    Simulation sim;
    Workloads work;

    @BeforeEach
    void setUp() {
        sim = new Simulation();
        work = new Workloads(1234);
    }

    static SimulationReport report(SimulationReport r) {
        System.out.println(r.summary());
        LOG.fine(r::toString);
        return r;
    }

    @ParameterizedTest(name = "{0} apps on {1} cells")
    @CsvSource({"8, 4", "40, 10", "200, 20", "800, 40"})
    void smallColdStartsDistributeEvenly(int napps, int ncells) {
        SimulationReport r = report(sim.run("small cold " + napps + "/" + ncells, work.uniqueApps(napps, 1), ncells,
                AuctionConfig.DEFAULTS));
        assertEquals(napps, r.placedCount(), r.toString());
        assertEquals(0, r.failedCount());
        assertTrue(r.maxDeviationFromMean() <= 1, r.toString());
        assertTrue(r.maxDeviationFromMeanAllCells() <= 1, "every cell within ±1 of the mean\n" + r);
    }

    @ParameterizedTest(name = "{1} cells, {2}/{3}/{4} requests of 1/2/4 MB")
    @CsvSource({"0, 25, 1800, 200, 50", "1, 100, 7200, 800, 200"})
    void largeColdStartsDistributeEvenly(int i, int ncells, int n1, int n2, int n4) {
        List<LrpAuction> batch = work.largeColdMix(n1, n2, n4);
        assertEquals(n1 + n2 + n4, batch.size());
        SimulationReport r = report(sim.run("large cold " + ncells, batch, ncells, AuctionConfig.DEFAULTS));
        assertTrue(r.maxDeviationFromMean() <= 10, r.toString());
        // The mix fills 96% of memory: everything still fits.
        assertEquals(n1 + n2 + n4, r.placedCount(), r.toString());
    }

    @ParameterizedTest(name = "{1} of 100 cells empty, {2} new apps")
    @CsvSource({"100, 5, 500", "100, 1, 100"})
    void imbalancedClusterDistributesEvenlyWithoutOverloadingEmptyCells(int ncells, int nempty, int napps) {
        for (int j = 0; j < ncells - nempty; j++) {
            sim.preload(j, work.running(50, 1));
        }
        SimulationReport r = report(sim.run("imbalanced " + nempty + " empty", work.uniqueApps(napps, 1), ncells,
                AuctionConfig.DEFAULTS));
        assertEquals(napps, r.placedCount());
        assertTrue(r.maxDeviationFromMean() <= 1, r.toString());
        // The starting-container weight is what keeps the empty cells from taking everything.
        for (int j = ncells - nempty; j < ncells; j++) {
            assertTrue(r.placed(Simulation.cellId(j)) <= napps / ncells + 1, r.toString());
        }
    }

    @Test
    void azDistributionFillsTheLoneHeavilyLoadedCellOfItsZone() {
        // 3 cells: Z0 = REP-1, REP-3; Z1 = REP-2, which already runs 50 other apps.
        sim.preload(1, work.running(50, 1));
        SimulationReport r = report(sim.run("AZ distribution", work.instances("red", 40, 1), 3,
                AuctionConfig.DEFAULTS));
        int zone0 = r.placed("REP-1") + r.placed("REP-3");
        int zone1 = r.placed("REP-2");
        assertEquals(40, zone0 + zone1);
        assertEquals(zone0, zone1, r.toString());
        assertEquals(Map.of("Z0", 20, "Z1", 20), r.placedPerZone());
    }

    @ParameterizedTest(name = "weight {0}: {1} apps on {2} cells")
    @CsvSource({"0.25, 8, 4", "0.25, 40, 10", "0.25, 200, 20", "0.25, 800, 40",
            "0.5, 8, 4", "0.5, 40, 10", "0.5, 200, 20", "0.5, 800, 40",
            "0.75, 8, 4", "0.75, 40, 10", "0.75, 200, 20", "0.75, 800, 40"})
    void binPackFirstFitFavoursLowIndexCellsAndKeepsZonesBalanced(double weight, int napps, int ncells) {
        AuctionConfig config = new AuctionConfig(0.5, weight, 0);
        SimulationReport r = report(sim.run("bin pack " + weight + " " + napps + "/" + ncells,
                work.uniqueApps(napps, 1), ncells, config));
        assertEquals(napps, r.placedCount());
        for (String zone : List.of("Z0", "Z1")) {
            List<Integer> inZone = r.cells().stream().filter(c -> c.zone().equals(zone))
                    .map(SimulationReport.CellLine::placed).toList();
            for (int k = 0; k + 1 < inZone.size(); k++) {
                assertTrue(inZone.get(k) >= inZone.get(k + 1), "non-increasing by index in " + zone + "\n" + r);
            }
        }
        assertTrue(r.maxZoneDeviationFromMean() <= 1, r.toString());
        // And it does pack once a zone has enough cells for the index to outweigh a start (0.5 + 0.01).
        if (ncells >= 10) {
            assertTrue(r.placed(Simulation.cellId(0)) > r.placed(Simulation.cellId(ncells - 1)), r.toString());
        }
    }

    @ParameterizedTest(name = "weight {0}: {1} instances of one process on {2} cells")
    @CsvSource({"0.25, 8, 4", "0.25, 800, 40", "0.5, 40, 10", "0.5, 200, 20", "0.75, 8, 4", "0.75, 800, 40"})
    void binPackFirstFitStillSpreadsOneProcess(double weight, int napps, int ncells) {
        SimulationReport r = report(sim.run("bin pack yellow " + weight, work.instances("yellow", napps, 1), ncells,
                new AuctionConfig(0.5, weight, 0)));
        assertEquals(napps, r.placedCount());
        assertTrue(r.maxDeviationFromMeanAllCells() <= 1, r.toString());
    }

    @ParameterizedTest(name = "Watters demo: {1} instances on {0} busy cells")
    @CsvSource({"10, 80", "30, 200", "100, 400"})
    void wattersDemoDistributesEvenly(int ncells, int napps) {
        Random random = new Random(7);
        for (int j = 0; j < ncells; j++) {
            sim.preload(j, work.running(78 + random.nextInt(3), 1));
        }
        SimulationReport r = report(sim.run("Watters " + ncells, work.instances("red", napps, 1), ncells,
                AuctionConfig.DEFAULTS));
        assertEquals(napps, r.placedCount());
        assertTrue(r.maxDeviationFromMean() <= 1, r.toString());
    }

    @Test
    void bouldersBeforePebblesWhenMemoryIsLow() {
        List<LrpAuction> batch = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            batch.addAll(work.uniqueApps(1, 1));
        }
        batch.addAll(work.instances("red", 2, 50));
        SimulationReport r = report(sim.run("boulders", batch, 1, AuctionConfig.DEFAULTS));
        assertEquals(51, r.placedCount());
        assertEquals(31, r.failedCount());
        List<String> placed = r.result().placements().values().stream().flatMap(List::stream)
                .map(LrpAuction::identifier).toList();
        assertTrue(placed.contains("red.0"));
        assertFalse(placed.contains("red.1"));
        assertEquals(Map.of("insufficient resources: memory", 31), r.failures());
    }

    @Test
    void reportShowsDistributionPerCellAndZoneAndTiming() {
        SimulationReport r = sim.run("report", work.uniqueApps(40, 1), 4, AuctionConfig.DEFAULTS);
        String text = r.toString();
        assertTrue(text.startsWith("report: 40 auctions on 4 cells, 40 placed, 0 failed"), text);
        assertTrue(text.contains("zone Z0     new     20  total     20"), text);
        assertTrue(text.contains("REP-1     Z0   new    10 total    10 |"), text);
        assertTrue(text.contains("us/auction"), text);
        assertEquals(4, r.cells().size());
        assertTrue(r.timePerAuction().toNanos() > 0);
    }

    @Test
    void secondRoundSeesTheFirstRoundsWork() {
        sim.run("first", work.instances("web", 4, 1), 2, AuctionConfig.DEFAULTS);
        SimulationReport r = sim.run("second", List.of(Workloads.lrp("web", 4, 1), Workloads.lrp("web", 5, 1)), 2,
                AuctionConfig.DEFAULTS);
        assertEquals(Map.of("REP-1", 1, "REP-2", 1), r.placedPerCell());
        assertEquals(3, sim.cell(0).lrpCount());
        assertEquals(3, sim.cell(0).state().startingContainerCount());
    }
}
