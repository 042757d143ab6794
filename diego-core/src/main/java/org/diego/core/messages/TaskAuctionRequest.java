package org.diego.core.messages;

import java.util.List;
import org.diego.core.auction.TaskAuction;
import org.diego.core.model.Task;

/**
 * BBS to auctioneer: this task needs a cell (Diego's TaskStartRequest). Unlike {@link AuctionRequest},
 * it carries what placement needs, as Diego's does; the auctioneer should still skip a task that is no
 * longer PENDING when the round runs. Queued like an {@link AuctionRequest}, after the
 * transaction that stored the task commits. {@code volume_drivers} are the drivers of the task's volume mounts,
 * one per mount, as Diego's task start request lists them.
 */
public record TaskAuctionRequest(String taskGuid, String domain, int memoryMb, int diskMb, String rootfs,
                                 List<String> placementTags, List<String> volumeDrivers) {
    public TaskAuctionRequest {
        placementTags = placementTags == null ? List.of() : List.copyOf(placementTags);
        volumeDrivers = volumeDrivers == null ? List.of() : List.copyOf(volumeDrivers);
    }

    public static TaskAuctionRequest of(Task task) {
        var def = task.taskDefinition();
        return new TaskAuctionRequest(task.taskGuid(), task.domain(), def.memoryMb(), def.diskMb(), def.rootfs(),
                def.placementTags(), def.volumePlacement().driverNames());
    }

    public TaskAuction toAuction() {
        return new TaskAuction(taskGuid, domain, memoryMb, diskMb, rootfs, placementTags, volumeDrivers);
    }
}
