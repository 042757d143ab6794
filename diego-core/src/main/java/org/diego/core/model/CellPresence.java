package org.diego.core.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.diego.core.wire.WireMessage;

/**
 * A live cell as it announces itself (Diego's CellPresence). The providers travel as
 * {@code rootfs_provider_list}, Diego's JSON name; {@code rootfs_providers} is still read, so presences
 * stored or sent before the rename keep working.
 */
@WireMessage("CellPresence")
public record CellPresence(String cellId, String repAddress, String zone, CellCapacity capacity,
                           @JsonProperty("rootfs_provider_list") @JsonAlias("rootfs_providers")
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
