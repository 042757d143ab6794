package org.diego.core.bridge.staging;

/**
 * Exit codes of the builders (buildpackapplifecycle's): the executor reports a failed run as
 * "... Exited with status N", and the stager turns the trailing code into CC's error id.
 */
public final class LifecycleExitCodes {
    public static final int DETECT_FAILED = 222;
    public static final int COMPILE_FAILED = 223;
    public static final int RELEASE_FAILED = 224;
    public static final int SUPPLY_FAILED = 225;
    public static final int FINALIZE_FAILED = 226;

    private LifecycleExitCodes() {
    }
}
