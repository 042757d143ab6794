package org.diego.core.model;

/**
 * A volume service mount: {@code driver} mounts it at {@code container_dir}, read-only ({@code r})
 * or read-write ({@code rw}); at most one of {@code shared} and {@code dedicated} describes the device.
 */
public record VolumeMount(String driver, String containerDir, String mode, SharedDevice shared,
                          DedicatedDevice dedicated) {

    public void validate(String field) {
        Validation.required(Validation.sub(field, "driver"), driver);
        if (!"r".equals(mode) && !"rw".equals(mode)) {
            throw new ValidationException(Validation.sub(field, "mode"), "must be r or rw");
        }
        if (shared != null) {
            Validation.required(Validation.sub(field, "shared.volume_id"), shared.volumeId());
        }
        if (dedicated != null) {
            Validation.required(Validation.sub(field, "dedicated.mounter_id"), dedicated.mounterId());
        }
    }

    /** A volume many instances mount at once. */
    public record SharedDevice(String volumeId, String mountConfig) {
    }

    /** A volume one instance mounts. */
    public record DedicatedDevice(String mounterId, String mountConfig, String deviceConfig) {
    }
}
