package org.diego.core.auction.simulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diego.core.auction.CellState;
import org.diego.core.auction.LrpAuction;
import org.diego.core.auction.TaskAuction;
import org.diego.core.model.CellPresence;
import org.diego.core.model.CellPresence.CellCapacity;
import org.diego.core.model.CellPresence.RootfsProvider;

/**
 * An in-process cell for the simulation (Diego's {@code simulationrep}): it reports its state and
 * accepts or rejects work, nothing runs. Thread-safe.
 */
public final class SimulatedCell {
    private final CellPresence presence;
    private final int index;
    private final List<String> volumeDrivers;
    private final Map<String, LrpAuction> lrps = new LinkedHashMap<>();
    private final Map<String, TaskAuction> tasks = new LinkedHashMap<>();
    private int startingContainers;
    private int usedMemoryMb;
    private int usedDiskMb;

    public SimulatedCell(String cellId, int index, String zone, String stack, CellCapacity capacity,
                         List<String> volumeDrivers) {
        this.presence = new CellPresence(cellId, "sim://" + cellId, zone, capacity,
                List.of(new RootfsProvider("preloaded", List.of(stack))), List.of(), List.of(), null);
        this.index = index;
        this.volumeDrivers = List.copyOf(volumeDrivers);
    }

    public String cellId() {
        return presence.cellId();
    }

    public String zone() {
        return presence.zone();
    }

    public int index() {
        return index;
    }

    /** A fresh snapshot, as the rep's {@code /state} would report it. */
    public synchronized CellState state() {
        CellState s = new CellState(presence).setCellIndex(index).setVolumeDrivers(volumeDrivers);
        lrps.values().forEach(l -> s.allocate(l.processGuid(), l.memoryMb(), l.diskMb()));
        tasks.values().forEach(t -> s.allocateTask(t.memoryMb(), t.diskMb()));
        return s.setStartingContainerCount(startingContainers);
    }

    /**
     * Diego's rep {@code /work}: takes what fits and returns the rest.
     *
     * @param starting whether accepted work counts as starting containers (auctioned work) or is
     *                 already running (a preloaded distribution)
     */
    public synchronized Rejected perform(List<LrpAuction> newLrps, List<TaskAuction> newTasks, boolean starting) {
        List<LrpAuction> rejectedLrps = new ArrayList<>();
        List<TaskAuction> rejectedTasks = new ArrayList<>();
        for (LrpAuction l : newLrps) {
            if (fits(l.memoryMb(), l.diskMb()) && !lrps.containsKey(l.identifier())) {
                lrps.put(l.identifier(), l);
                take(l.memoryMb(), l.diskMb(), starting);
            } else {
                rejectedLrps.add(l);
            }
        }
        for (TaskAuction t : newTasks) {
            if (fits(t.memoryMb(), t.diskMb()) && !tasks.containsKey(t.taskGuid())) {
                tasks.put(t.taskGuid(), t);
                take(t.memoryMb(), t.diskMb(), starting);
            } else {
                rejectedTasks.add(t);
            }
        }
        return new Rejected(rejectedLrps, rejectedTasks);
    }

    private boolean fits(int memoryMb, int diskMb) {
        CellCapacity c = presence.capacity();
        return lrps.size() + tasks.size() < c.containers() && usedMemoryMb + memoryMb <= c.memoryMb()
                && usedDiskMb + diskMb <= c.diskMb();
    }

    private void take(int memoryMb, int diskMb, boolean starting) {
        usedMemoryMb += memoryMb;
        usedDiskMb += diskMb;
        if (starting) {
            startingContainers++;
        }
    }

    public synchronized int lrpCount() {
        return lrps.size();
    }

    public synchronized int taskCount() {
        return tasks.size();
    }

    public synchronized void reset() {
        lrps.clear();
        tasks.clear();
        startingContainers = 0;
        usedMemoryMb = 0;
        usedDiskMb = 0;
    }

    /** What a cell could not take (Diego's failed rep.Work). */
    public record Rejected(List<LrpAuction> lrps, List<TaskAuction> tasks) {
        public boolean isEmpty() {
            return lrps.isEmpty() && tasks.isEmpty();
        }
    }
}
