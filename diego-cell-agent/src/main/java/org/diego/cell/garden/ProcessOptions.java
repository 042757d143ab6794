package org.diego.cell.garden;

/**
 * How to run a process beyond its spec (Garden's ProcessSpec limits and ProcessIO), kept apart from
 * {@link ProcessSpec} so backends that ignore them need no change. {@code nofile} is the open-files
 * limit (0: the backend's default); {@code discardOutput} drops stdout and stderr (Diego's
 * suppress_log_output).
 */
public record ProcessOptions(long nofile, boolean discardOutput) {
    public static final ProcessOptions DEFAULT = new ProcessOptions(0, false);
}
