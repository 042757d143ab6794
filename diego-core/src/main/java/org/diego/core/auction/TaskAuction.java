package org.diego.core.auction;

import java.util.List;

/**
 * One task waiting for a cell: what Diego's auctioneer receives in a TaskStartRequest (rep.Task),
 * reduced to what placement needs.
 */
public record TaskAuction(String taskGuid, String domain, int memoryMb, int diskMb, String rootfs,
                          List<String> placementTags, List<String> volumeDrivers) implements Auction {
    public TaskAuction {
        placementTags = placementTags == null ? List.of() : List.copyOf(placementTags);
        volumeDrivers = volumeDrivers == null ? List.of() : List.copyOf(volumeDrivers);
    }

    /** Diego's de-duplication identity for tasks: the task guid. */
    @Override
    public String identifier() {
        return taskGuid;
    }
}
