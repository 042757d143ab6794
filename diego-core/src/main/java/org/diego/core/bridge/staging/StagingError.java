package org.diego.core.bridge.staging;

/** The {@code error} of a StagingResponseForCC: one of Diego's ids and a message. */
public record StagingError(String id, String message) {
    public static final String STAGING_ERROR = "StagingError";
    public static final String INSUFFICIENT_RESOURCES = "InsufficientResources";
    public static final String NO_COMPATIBLE_CELL = "NoCompatibleCell";
    public static final String CELL_COMMUNICATION_ERROR = "CellCommunicationError";
    public static final String NO_APP_DETECTED = "NoAppDetectedError";
    public static final String BUILDPACK_COMPILE_FAILED = "BuildpackCompileFailed";
    public static final String BUILDPACK_RELEASE_FAILED = "BuildpackReleaseFailed";
}
