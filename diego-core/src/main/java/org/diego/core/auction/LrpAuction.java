package org.diego.core.auction;

import java.util.List;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.DesiredLrpSchedulingInfo;

/**
 * One instance index waiting for a cell.
 *
 * @param volumeDrivers volume drivers the instance mounts; each must be offered by the winning cell
 */
public record LrpAuction(ActualLrpKey key, DesiredLrpSchedulingInfo info, List<String> volumeDrivers)
        implements Auction {
    public LrpAuction {
        volumeDrivers = volumeDrivers == null ? List.of() : List.copyOf(volumeDrivers);
    }

    /** An instance that mounts no volumes. */
    public LrpAuction(ActualLrpKey key, DesiredLrpSchedulingInfo info) {
        this(key, info, List.of());
    }

    /** A bare auction, as the simulation and tests build them. */
    public static LrpAuction of(String processGuid, int index, String domain, int memoryMb, int diskMb, String rootfs,
                                List<String> placementTags, List<String> volumeDrivers) {
        return new LrpAuction(new ActualLrpKey(processGuid, index, domain),
                DesiredLrpSchedulingInfo.of(processGuid, domain, index + 1, memoryMb, diskMb, rootfs, placementTags),
                volumeDrivers);
    }

    /** Diego's de-duplication identity: {@code guid.index}. */
    @Override
    public String identifier() {
        return key.processGuid() + "." + key.index();
    }

    public String processGuid() {
        return key.processGuid();
    }

    public int index() {
        return key.index();
    }

    @Override
    public int memoryMb() {
        return info.memoryMb();
    }

    @Override
    public int diskMb() {
        return info.diskMb();
    }

    @Override
    public String rootfs() {
        return info.rootfs();
    }

    @Override
    public List<String> placementTags() {
        return info.placementTags();
    }
}
