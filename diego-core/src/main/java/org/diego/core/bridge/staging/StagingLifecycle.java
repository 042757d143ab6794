package org.diego.core.bridge.staging;

/** The lifecycles this stager knows (Diego's backends map); CC names them in {@code lifecycle}. */
public enum StagingLifecycle {
    BUILDPACK("buildpack"),
    DOCKER("docker");

    private final String ccName;

    StagingLifecycle(String ccName) {
        this.ccName = ccName;
    }

    public String ccName() {
        return ccName;
    }

    /** The lifecycle CC named, or an {@link UnknownLifecycleException} (Diego answers 404). */
    public static StagingLifecycle of(String name) {
        for (StagingLifecycle l : values()) {
            if (l.ccName.equals(name)) {
                return l;
            }
        }
        throw new UnknownLifecycleException(name);
    }
}
