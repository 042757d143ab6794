package org.diego.core.model;

import java.util.List;

/** The volume drivers an LRP's mounts need; the auction only picks cells that offer all of them. */
public record VolumePlacement(List<String> driverNames) {
    public VolumePlacement {
        driverNames = driverNames == null ? List.of() : List.copyOf(driverNames);
    }

    public static VolumePlacement of(List<VolumeMount> mounts) {
        return new VolumePlacement(mounts == null ? List.of() : mounts.stream().map(VolumeMount::driver).toList());
    }
}
