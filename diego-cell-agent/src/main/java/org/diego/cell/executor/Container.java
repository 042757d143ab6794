package org.diego.cell.executor;

import java.time.Instant;
import java.util.Map;
import org.diego.cell.garden.ContainerInfo;

/**
 * A snapshot of one container. {@code tags} are the owner's labels (the rep stores the ActualLRP key
 * in them, as Diego's rep does); {@code info} is set once the backend container exists and
 * {@code result} once it has completed. {@code routable} is whether a RUNNING container may take traffic:
 * true unless readiness checks say otherwise.
 */
public record Container(String guid, Map<String, String> tags, Resources resources, ContainerState state,
                        boolean stopRequested, ContainerInfo info, RunResult result, Instant reservedAt,
                        boolean routable) {
    public Container {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** Routable once running. */
    public Container(String guid, Map<String, String> tags, Resources resources, ContainerState state,
                     boolean stopRequested, ContainerInfo info, RunResult result, Instant reservedAt) {
        this(guid, tags, resources, state, stopRequested, info, result, reservedAt, state == ContainerState.RUNNING);
    }

    /** Not completed: still holds, or will hold, a running process. */
    public boolean live() {
        return state != ContainerState.COMPLETED;
    }

    public boolean hasTags(Map<String, String> wanted) {
        return tags.entrySet().containsAll(wanted.entrySet());
    }
}
