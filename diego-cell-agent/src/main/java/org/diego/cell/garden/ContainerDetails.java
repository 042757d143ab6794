package org.diego.cell.garden;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Garden's ContainerInfo (Info, BulkInfo): {@link ContainerInfo} plus the state ({@code active}, or
 * {@code stopped} once {@link ContainerBackend#stop} was called), the ids of its running processes, its
 * properties, its grace time (null: none) and its events: what happened to the container as a whole,
 * such as {@link #OUT_OF_MEMORY} once the kernel killed one of its processes for exceeding the memory
 * limit. Events stay for the container's life, as Garden's do.
 */
public record ContainerDetails(ContainerInfo info, String state, List<String> processIds,
                               Map<String, String> properties, Duration graceTime, List<String> events) {
    /** The event an OOM kill leaves; Diego's executor looks for it when a process exits non-zero. */
    public static final String OUT_OF_MEMORY = "out of memory";

    public ContainerDetails {
        processIds = List.copyOf(processIds);
        properties = Map.copyOf(properties);
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** Whether an event says a process was killed for memory ("out of memory", any case, as Diego checks). */
    public boolean outOfMemory() {
        return events.stream().anyMatch(OUT_OF_MEMORY::equalsIgnoreCase);
    }
}
