package org.diego.core.model;

import java.util.List;

/** A live cell as it announces itself (Diego's CellPresence). */
public record CellPresence(String cellId, String repAddress, String zone, CellCapacity capacity,
                           List<RootfsProvider> rootfsProviders, List<String> placementTags,
                           List<String> optionalPlacementTags, String repUrl) {
    public CellPresence {
        rootfsProviders = rootfsProviders == null ? List.of() : List.copyOf(rootfsProviders);
        placementTags = placementTags == null ? List.of() : List.copyOf(placementTags);
        optionalPlacementTags = optionalPlacementTags == null ? List.of() : List.copyOf(optionalPlacementTags);
    }

    public CellPresence validate() {
        Validation.required("cell_id", cellId);
        Validation.required("capacity", capacity);
        Validation.nonNegative("capacity.memory_mb", capacity.memoryMb());
        Validation.nonNegative("capacity.disk_mb", capacity.diskMb());
        Validation.nonNegative("capacity.containers", capacity.containers());
        return this;
    }

    /** Whether this cell can run the given rootfs URI ({@code preloaded:NAME} or {@code scheme://...}). */
    public boolean supportsRootfs(String rootfs) {
        if (rootfs == null) {
            return false;
        }
        for (RootfsProvider p : rootfsProviders) {
            if (rootfs.startsWith("preloaded:") && p.name().equals("preloaded")
                    && p.properties().contains(rootfs.substring("preloaded:".length()))) {
                return true;
            }
            if (!rootfs.startsWith("preloaded:") && rootfs.startsWith(p.name() + ":")) {
                return true;
            }
        }
        return false;
    }

    public record CellCapacity(int memoryMb, int diskMb, int containers) {
    }

    public record RootfsProvider(String name, List<String> properties) {
        public RootfsProvider {
            properties = properties == null ? List.of() : List.copyOf(properties);
        }
    }
}
