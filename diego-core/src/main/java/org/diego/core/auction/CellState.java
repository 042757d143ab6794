package org.diego.core.auction;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.diego.core.model.CellPresence;

/** A cell's capacity and what is already allocated on it, as the scheduler mutates it. */
public final class CellState {
    private final CellPresence presence;
    private int usedMemoryMb;
    private int usedDiskMb;
    private int usedContainers;
    private final Map<String, Integer> instancesByProcess = new HashMap<>();

    public CellState(CellPresence presence) {
        this.presence = presence;
    }

    /** Records an instance already running or claimed on this cell. */
    public CellState allocate(String processGuid, int memoryMb, int diskMb) {
        usedMemoryMb += memoryMb;
        usedDiskMb += diskMb;
        usedContainers++;
        instancesByProcess.merge(processGuid, 1, Integer::sum);
        return this;
    }

    public String cellId() {
        return presence.cellId();
    }

    public String zone() {
        return presence.zone() == null ? "" : presence.zone();
    }

    public int instancesOf(String processGuid) {
        return instancesByProcess.getOrDefault(processGuid, 0);
    }

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

    /** What this cell lacks to take the instance; empty when it fits. */
    EnumSet<Resource> shortfall(int memoryMb, int diskMb) {
        EnumSet<Resource> missing = EnumSet.noneOf(Resource.class);
        if (presence.capacity().containers() - usedContainers < 1) {
            missing.add(Resource.containers);
        }
        if (presence.capacity().diskMb() - usedDiskMb < diskMb) {
            missing.add(Resource.disk);
        }
        if (presence.capacity().memoryMb() - usedMemoryMb < memoryMb) {
            missing.add(Resource.memory);
        }
        return missing;
    }

    /** Lower wins: mean used fraction after placement, plus 1000 per co-located instance of the same process. */
    double score(String processGuid, int memoryMb, int diskMb) {
        double mem = fraction(usedMemoryMb + memoryMb, presence.capacity().memoryMb());
        double disk = fraction(usedDiskMb + diskMb, presence.capacity().diskMb());
        double containers = fraction(usedContainers + 1, presence.capacity().containers());
        return (mem + disk + containers) / 3.0 + 1000.0 * instancesOf(processGuid);
    }

    private static double fraction(int used, int total) {
        return total <= 0 ? 1.0 : (double) used / total;
    }

    /** Resource names in the order of Diego's error text. */
    enum Resource { containers, disk, memory }
}
