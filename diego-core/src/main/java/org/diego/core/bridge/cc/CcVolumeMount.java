package org.diego.core.bridge.cc;

import java.util.Map;

/** A volume service mount as CC sends it ({@code device_type} "shared" is the only kind Diego maps). */
public record CcVolumeMount(String driver, String containerDir, String mode, String deviceType, Device device) {

    /** The shared device; {@code mount_config} is free JSON, which the BBS keeps as text. */
    public record Device(String volumeId, Map<String, Object> mountConfig) {
    }
}
