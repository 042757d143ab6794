package org.diego.core.auction.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diego.core.auction.AuctionConfig;
import org.diego.core.auction.AuctionResult;
import org.diego.core.auction.CellState;
import org.diego.core.auction.LrpAuction;
import org.diego.core.auction.Scheduler;
import org.diego.core.auction.TaskAuction;
import org.diego.core.model.CellPresence.CellCapacity;

/**
 * Diego's auction simulation ({@code auction:simulation}, {@code docs/020-the-simulation.md}) in
 * process: simulated cells ({@code REP-1}..{@code REP-n}, zone {@code Z(i mod zones)}, cell index i,
 * 100 MB memory / 100 MB disk / 100 containers each, stack {@code linux}, driver {@code my-driver}),
 * and rounds that fetch their state, run the {@link Scheduler}, and commit the work to them.
 */
public final class Simulation {
    public static final int DEFAULT_CELLS = 100;
    public static final int DEFAULT_ZONES = 2;
    public static final CellCapacity DIEGO_CELL = new CellCapacity(100, 100, 100);
    public static final String STACK = "linux";
    public static final String ROOTFS = "preloaded:" + STACK;
    public static final List<String> VOLUME_DRIVERS = List.of("my-driver");

    /** Reason recorded for work the scheduler placed but the cell refused on commit. */
    public static final String REJECTED_BY_CELL = "rejected by cell";

    private final List<SimulatedCell> cells = new ArrayList<>();

    /** Diego's simulation: 100 cells in 2 zones. */
    public Simulation() {
        this(DEFAULT_CELLS, DEFAULT_ZONES, DIEGO_CELL);
    }

    public Simulation(int numCells, int numZones) {
        this(numCells, numZones, DIEGO_CELL);
    }

    public Simulation(int numCells, int numZones, CellCapacity capacity) {
        for (int i = 0; i < numCells; i++) {
            cells.add(new SimulatedCell(cellId(i), i, "Z" + (i % numZones), STACK, capacity, VOLUME_DRIVERS));
        }
    }

    public static String cellId(int index) {
        return "REP-" + (index + 1);
    }

    public List<SimulatedCell> cells() {
        return List.copyOf(cells);
    }

    public SimulatedCell cell(int index) {
        return cells.get(index);
    }

    /** Puts already-running work on a cell (not counted as starting). */
    public void preload(int cellIndex, List<LrpAuction> running) {
        SimulatedCell.Rejected r = cells.get(cellIndex).perform(running, List.of(), false);
        if (!r.isEmpty()) {
            throw new IllegalArgumentException("cell " + cellId(cellIndex) + " cannot hold the preload");
        }
    }

    public void reset() {
        cells.forEach(SimulatedCell::reset);
    }

    /** Fresh snapshots of the first {@code cellLimit} cells. */
    public List<CellState> states(int cellLimit) {
        List<CellState> out = new ArrayList<>(cellLimit);
        for (SimulatedCell c : cells.subList(0, Math.min(cellLimit, cells.size()))) {
            out.add(c.state());
        }
        return out;
    }

    /** One round on the first {@code cellLimit} cells: fetch states, schedule, commit. */
    public SimulationReport run(String name, List<LrpAuction> lrps, List<TaskAuction> tasks, int cellLimit,
                                AuctionConfig config) {
        long t0 = System.nanoTime();
        List<CellState> states = states(cellLimit);
        long t1 = System.nanoTime();
        AuctionResult result = Scheduler.schedule(lrps, tasks, states, config);
        long t2 = System.nanoTime();
        Map<String, SimulatedCell> byId = new LinkedHashMap<>();
        cells.forEach(c -> byId.put(c.cellId(), c));
        Map<String, Integer> placed = new LinkedHashMap<>();
        Map<String, Integer> failures = new LinkedHashMap<>();
        result.failures().forEach(f -> failures.merge(f.reason(), 1, Integer::sum));
        result.taskFailures().forEach(f -> failures.merge(f.reason(), 1, Integer::sum));
        result.work().forEach((cellId, work) -> {
            SimulatedCell.Rejected rejected = byId.get(cellId).perform(work.lrps(), work.tasks(), true);
            int n = work.lrps().size() + work.tasks().size() - rejected.lrps().size() - rejected.tasks().size();
            placed.put(cellId, n);
            if (!rejected.isEmpty()) {
                failures.merge(REJECTED_BY_CELL, rejected.lrps().size() + rejected.tasks().size(), Integer::sum);
            }
        });
        long t3 = System.nanoTime();
        List<SimulationReport.CellLine> lines = new ArrayList<>();
        for (SimulatedCell c : cells.subList(0, Math.min(cellLimit, cells.size()))) {
            lines.add(new SimulationReport.CellLine(c.cellId(), c.zone(), c.index(), placed.getOrDefault(c.cellId(), 0),
                    c.lrpCount() + c.taskCount()));
        }
        int auctions = (int) lrps.stream().map(LrpAuction::identifier).distinct().count()
                + (int) tasks.stream().map(TaskAuction::taskGuid).distinct().count();
        return new SimulationReport(name, auctions, lines, failures, Duration.ofNanos(t1 - t0),
                Duration.ofNanos(t2 - t1), Duration.ofNanos(t3 - t2), result);
    }

    public SimulationReport run(String name, List<LrpAuction> lrps, int cellLimit, AuctionConfig config) {
        return run(name, lrps, List.of(), cellLimit, config);
    }
}
