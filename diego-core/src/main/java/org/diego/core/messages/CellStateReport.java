package org.diego.core.messages;

import java.util.ArrayList;
import java.util.List;
import org.diego.core.auction.CellState;
import org.diego.core.model.CellPresence;
import org.diego.core.model.CellPresence.RootfsProvider;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.model.Validation;

/**
 * A cell's answer to {@link CellStateRequest} (wire name {@code cell_state}): Diego's rep CellState,
 * with what the auctioneer needs. Resources are the executor's real ledger; {@code lrps} lists every
 * container of an LRP instance on the cell (reserved, starting, running or completed but not yet
 * destroyed), each with the resources it holds; {@code starting_container_count} counts those reserved
 * or created but not running yet, tasks' included. Task containers are not listed: their resources
 * show in the available figures.
 *
 * @param proxyMemoryAllocationMb memory the cell adds to every LRP for its proxy (0: no proxy)
 */
public record CellStateReport(String cellId, String repAddress, String zone, Resources totalResources,
                              Resources availableResources, int startingContainerCount, List<Lrp> lrps,
                              List<RootfsProvider> rootfsProviders, List<String> placementTags,
                              List<String> optionalPlacementTags, List<String> volumeDrivers, boolean evacuating,
                              int proxyMemoryAllocationMb) {
    public CellStateReport {
        lrps = lrps == null ? List.of() : List.copyOf(lrps);
        rootfsProviders = rootfsProviders == null ? List.of() : List.copyOf(rootfsProviders);
        placementTags = placementTags == null ? List.of() : List.copyOf(placementTags);
        optionalPlacementTags = optionalPlacementTags == null ? List.of() : List.copyOf(optionalPlacementTags);
        volumeDrivers = volumeDrivers == null ? List.of() : List.copyOf(volumeDrivers);
    }

    /** Memory, disk and containers (Diego's rep.Resources). */
    public record Resources(int memoryMb, int diskMb, int containers) {
    }

    /** One LRP instance's container on the cell and what it holds (Diego's rep.LRP). */
    public record Lrp(String processGuid, int index, String domain, int memoryMb, int diskMb) {
    }

    /**
     * Refuses a report the auctioneer cannot use: missing id or resources, negative numbers, available
     * above total, an LRP without a process guid. Returns this report.
     */
    public CellStateReport validate() {
        Validation.required("cell_id", cellId);
        Validation.required("total_resources", totalResources);
        Validation.required("available_resources", availableResources);
        nonNegative("total_resources", totalResources);
        nonNegative("available_resources", availableResources);
        Validation.nonNegative("starting_container_count", startingContainerCount);
        Validation.nonNegative("proxy_memory_allocation_mb", proxyMemoryAllocationMb);
        if (availableResources.memoryMb() > totalResources.memoryMb()
                || availableResources.diskMb() > totalResources.diskMb()
                || availableResources.containers() > totalResources.containers()) {
            throw new DiegoException(ErrorType.InvalidRequest, "Invalid field: available_resources: exceed total_resources");
        }
        for (int i = 0; i < lrps.size(); i++) {
            Lrp lrp = lrps.get(i);
            Validation.required("lrps[" + i + "]", lrp);
            Validation.required("lrps[" + i + "].process_guid", lrp.processGuid());
            Validation.nonNegative("lrps[" + i + "].index", lrp.index());
            Validation.nonNegative("lrps[" + i + "].memory_mb", lrp.memoryMb());
            Validation.nonNegative("lrps[" + i + "].disk_mb", lrp.diskMb());
        }
        return this;
    }

    private static void nonNegative(String field, Resources r) {
        Validation.nonNegative(field + ".memory_mb", r.memoryMb());
        Validation.nonNegative(field + ".disk_mb", r.diskMb());
        Validation.nonNegative(field + ".containers", r.containers());
    }

    /** The presence this report implies: capacity is the total, as in Diego's CellPresence. */
    public CellPresence presence() {
        return new CellPresence(cellId, repAddress, zone,
                new CellPresence.CellCapacity(totalResources.memoryMb(), totalResources.diskMb(),
                        totalResources.containers()),
                rootfsProviders, placementTags, optionalPlacementTags, "");
    }

    /**
     * The scheduler's snapshot of this cell. Every reported LRP is allocated (so same-process instances
     * count for co-location), the starting count is the cell's, and whatever the cell holds beyond its
     * LRPs (its ledger's available resources are authoritative, as Diego's AvailableResources) is
     * allocated as anonymous containers, so the scheduler sees exactly the cell's free resources.
     *
     * @param cellIndex Diego's CellIndex, used by bin-pack-first-fit
     */
    public CellState toCellState(int cellIndex) {
        validate();
        CellState state = new CellState(presence());
        int memory = 0;
        int disk = 0;
        for (Lrp lrp : lrps) {
            state.allocate(lrp.processGuid(), lrp.memoryMb(), lrp.diskMb());
            memory += lrp.memoryMb();
            disk += lrp.diskMb();
        }
        int extraContainers = totalResources.containers() - availableResources.containers() - lrps.size();
        int extraMemory = totalResources.memoryMb() - availableResources.memoryMb() - memory;
        int extraDisk = totalResources.diskMb() - availableResources.diskMb() - disk;
        List<int[]> extra = new ArrayList<>();
        for (int i = 0; i < extraContainers; i++) {
            extra.add(new int[] {i == 0 ? Math.max(0, extraMemory) : 0, i == 0 ? Math.max(0, extraDisk) : 0});
        }
        // Containers the cell holds for something other than a reported LRP (its tasks, with this agent).
        extra.forEach(e -> state.allocate(ANONYMOUS, e[0], e[1]));
        return state.setCellIndex(cellIndex)
                .setStartingContainerCount(startingContainerCount)
                .setVolumeDrivers(volumeDrivers)
                .setEvacuating(evacuating)
                .setProxyMemoryAllocationMb(proxyMemoryAllocationMb);
    }

    /** Process guid of the anonymous allocations: not a valid guid, so it never co-locates with a real one. */
    static final String ANONYMOUS = " ";
}
