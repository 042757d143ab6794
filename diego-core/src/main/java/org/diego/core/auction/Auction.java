package org.diego.core.auction;

import java.util.List;

/**
 * What the scheduler needs to know about one unit of work, LRP instance or task: its identity for
 * de-duplication, its resource request and its placement constraint (Diego's rep.Resource and
 * rep.PlacementConstraint).
 */
public sealed interface Auction permits LrpAuction, TaskAuction {
    /** De-duplication identity: {@code guid.index} for an LRP instance, the task guid for a task. */
    String identifier();

    int memoryMb();

    int diskMb();

    String rootfs();

    List<String> placementTags();

    List<String> volumeDrivers();
}
