package org.diego.core.auction;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.diego.core.model.CellPresence;

/**
 * A cell's capacity and what is already allocated on it (Diego's rep.CellState), as the scheduler
 * mutates it during one round. Not thread-safe: one round, one thread.
 */
public final class CellState {
    static final int MISSING_CONTAINERS = 1;
    static final int MISSING_DISK = 2;
    static final int MISSING_MEMORY = 4;

    private final CellPresence presence;
    private final int totalMemoryMb;
    private final int totalDiskMb;
    private final int totalContainers;
    private int cellIndex;
    private boolean evacuating;
    private Set<String> volumeDrivers = Set.of();
    private int proxyMemoryAllocationMb;
    private int usedMemoryMb;
    private int usedDiskMb;
    private int usedContainers;
    private int startingContainers;
    private int tasks;
    private final Map<String, Integer> instancesByProcess = new HashMap<>();

    public CellState(CellPresence presence) {
        this.presence = presence;
        this.totalMemoryMb = presence.capacity().memoryMb();
        this.totalDiskMb = presence.capacity().diskMb();
        this.totalContainers = presence.capacity().containers();
    }

    // ---- what the cell reports ----------------------------------------------------------------------------

    /** Records an LRP instance already running on this cell (not counted as starting). */
    public CellState allocate(String processGuid, int memoryMb, int diskMb) {
        take(memoryMb, diskMb);
        instancesByProcess.merge(processGuid, 1, Integer::sum);
        return this;
    }

    /** Records an LRP instance claimed on this cell but not running yet: it also counts as starting. */
    public CellState allocateStarting(String processGuid, int memoryMb, int diskMb) {
        allocate(processGuid, memoryMb, diskMb);
        startingContainers++;
        return this;
    }

    /** Records a task already on this cell (not counted as starting). */
    public CellState allocateTask(int memoryMb, int diskMb) {
        take(memoryMb, diskMb);
        tasks++;
        return this;
    }

    /** Diego's {@code CellIndex}: the cell's position, used by bin-pack-first-fit (normalised per zone). */
    public CellState setCellIndex(int index) {
        this.cellIndex = index;
        return this;
    }

    /** Containers the cell is still starting (Diego's {@code StartingContainerCount}), beyond those recorded here. */
    public CellState setStartingContainerCount(int count) {
        this.startingContainers = count;
        return this;
    }

    /** Volume drivers the cell offers. */
    public CellState setVolumeDrivers(List<String> drivers) {
        this.volumeDrivers = drivers == null ? Set.of() : Set.copyOf(drivers);
        return this;
    }

    /** An evacuating cell takes no new work: the scheduler skips it. */
    public CellState setEvacuating(boolean evacuating) {
        this.evacuating = evacuating;
        return this;
    }

    /** Memory the cell adds to every LRP for its proxy (Diego's {@code ProxyMemoryAllocationMB}); 0 without proxy. */
    public CellState setProxyMemoryAllocationMb(int mb) {
        this.proxyMemoryAllocationMb = mb;
        return this;
    }

    private void take(int memoryMb, int diskMb) {
        usedMemoryMb += memoryMb;
        usedDiskMb += diskMb;
        usedContainers++;
    }

    // ---- read side -------------------------------------------------------------------------------------------

    public String cellId() {
        return presence.cellId();
    }

    public String zone() {
        return presence.zone() == null ? "" : presence.zone();
    }

    public CellPresence presence() {
        return presence;
    }

    public int cellIndex() {
        return cellIndex;
    }

    public boolean evacuating() {
        return evacuating;
    }

    public Set<String> volumeDrivers() {
        return volumeDrivers;
    }

    public int proxyMemoryAllocationMb() {
        return proxyMemoryAllocationMb;
    }

    public int startingContainerCount() {
        return startingContainers;
    }

    public int taskCount() {
        return tasks;
    }

    public int availableMemoryMb() {
        return totalMemoryMb - usedMemoryMb;
    }

    public int availableDiskMb() {
        return totalDiskMb - usedDiskMb;
    }

    public int availableContainers() {
        return totalContainers - usedContainers;
    }

    public int instancesOf(String processGuid) {
        return instancesByProcess.getOrDefault(processGuid, 0);
    }

    /** Instances per process guid on this cell (read-only view). */
    public Map<String, Integer> instancesByProcess() {
        return Collections.unmodifiableMap(instancesByProcess);
    }

    // ---- matching (rep resources.go) ---------------------------------------------------------------------

    /** Diego's rule: cell.required ⊆ desired ⊆ cell.required ∪ cell.optional. */
    boolean matchesPlacementTags(Iterable<String> desired) {
        Set<String> want = new HashSet<>();
        desired.forEach(want::add);
        Set<String> allowed = new HashSet<>(presence.placementTags());
        allowed.addAll(presence.optionalPlacementTags());
        return want.containsAll(presence.placementTags()) && allowed.containsAll(want);
    }

    boolean supportsRootfs(String rootfs) {
        return presence.supportsRootfs(rootfs);
    }

    boolean supportsVolumeDrivers(List<String> drivers) {
        return volumeDrivers.containsAll(drivers);
    }

    /** What this cell lacks to take the given request, as a bit mask of {@code MISSING_*}; 0 when it fits. */
    int missing(int memoryMb, int diskMb) {
        int missing = 0;
        if (availableContainers() < 1) {
            missing |= MISSING_CONTAINERS;
        }
        if (availableDiskMb() < diskMb) {
            missing |= MISSING_DISK;
        }
        if (availableMemoryMb() < memoryMb) {
            missing |= MISSING_MEMORY;
        }
        return missing;
    }

    /** What this cell lacks to take the instance; empty when it fits. */
    EnumSet<Resource> shortfall(int memoryMb, int diskMb) {
        return Resource.of(missing(memoryMb, diskMb));
    }

    /** What this cell lacks to take the auction (for an LRP the cell's proxy memory is added). */
    EnumSet<Resource> shortfall(Auction auction) {
        return Resource.of(missing(requestedMemory(auction), auction.diskMb()));
    }

    int requestedMemory(Auction auction) {
        return auction instanceof LrpAuction ? auction.memoryMb() + proxyMemoryAllocationMb : auction.memoryMb();
    }

    // ---- scoring (rep resources.go ComputeScore, auctionrunner cell.go) ------------------------------------------

    /**
     * Diego's resource score, lower wins: mean of the memory, disk and container fractions used once the
     * request is placed, plus {@code startingContainerWeight} per container already starting on the cell.
     */
    double resourceScore(int memoryMb, int diskMb, double startingContainerWeight) {
        double mem = fraction(usedMemoryMb + memoryMb, totalMemoryMb);
        double disk = fraction(usedDiskMb + diskMb, totalDiskMb);
        double containers = fraction(usedContainers + 1, totalContainers);
        return (mem + disk + containers) / 3.0 + startingContainers * startingContainerWeight;
    }

    /** Diego's ScoreForLRP without the bin-pack term: resource score + 1000 per instance of the same process. */
    double score(String processGuid, int memoryMb, int diskMb, double startingContainerWeight) {
        return resourceScore(memoryMb, diskMb, startingContainerWeight) + 1000.0 * instancesOf(processGuid);
    }

    /** Diego's ScoreForLRP with the default starting-container weight and no bin-pack term. */
    double score(String processGuid, int memoryMb, int diskMb) {
        return score(processGuid, memoryMb, diskMb, AuctionConfig.DEFAULT_STARTING_CONTAINER_WEIGHT);
    }

    /** Diego's ScoreForTask: resource score + 1000 per task already on the cell (spreads tasks). */
    double taskScore(int memoryMb, int diskMb, double startingContainerWeight) {
        return resourceScore(memoryMb, diskMb, startingContainerWeight) + 1000.0 * tasks;
    }

    private static double fraction(int used, int total) {
        return total <= 0 ? 1.0 : (double) used / total;
    }

    // ---- reservation (Diego's ReserveLRP / ReserveTask: the reservation itself starts a container) ---------

    void reserveLrp(LrpAuction auction) {
        // As Diego: the proxy memory counts in fit and score, the reservation subtracts the request only.
        allocateStarting(auction.processGuid(), auction.memoryMb(), auction.diskMb());
    }

    void reserveTask(TaskAuction auction) {
        take(auction.memoryMb(), auction.diskMb());
        tasks++;
        startingContainers++;
    }

    @Override
    public String toString() {
        return cellId() + "[" + zone() + " mem " + availableMemoryMb() + "/" + totalMemoryMb + " disk "
                + availableDiskMb() + "/" + totalDiskMb + " containers " + availableContainers() + "/"
                + totalContainers + " starting " + startingContainers + (evacuating ? " evacuating" : "") + "]";
    }

    /** Resource names in the order of Diego's error text (sorted alphabetically). */
    public enum Resource {
        containers(MISSING_CONTAINERS), disk(MISSING_DISK), memory(MISSING_MEMORY);

        private final int bit;

        Resource(int bit) {
            this.bit = bit;
        }

        static EnumSet<Resource> of(int mask) {
            EnumSet<Resource> set = EnumSet.noneOf(Resource.class);
            for (Resource r : values()) {
                if ((mask & r.bit) != 0) {
                    set.add(r);
                }
            }
            return set;
        }
    }
}
