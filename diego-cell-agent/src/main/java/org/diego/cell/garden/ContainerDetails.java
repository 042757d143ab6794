package org.diego.cell.garden;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Garden's ContainerInfo (Info, BulkInfo): {@link ContainerInfo} plus the state ({@code active}, or
 * {@code stopped} once {@link ContainerBackend#stop} was called), the ids of its running processes, its
 * properties and its grace time (null: none).
 */
public record ContainerDetails(ContainerInfo info, String state, List<String> processIds,
                               Map<String, String> properties, Duration graceTime) {
    public ContainerDetails {
        processIds = List.copyOf(processIds);
        properties = Map.copyOf(properties);
    }
}
