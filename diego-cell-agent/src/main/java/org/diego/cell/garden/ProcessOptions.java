package org.diego.cell.garden;

/**
 * How to run a process beyond its spec (Garden's ProcessSpec limits and ProcessIO), kept apart from
 * {@link ProcessSpec} so backends that ignore them need no change. {@code nofile} is the open-files
 * limit (0: the backend's default); {@code discardOutput} drops stdout and stderr (Diego's
 * suppress_log_output); {@code ownStreams} gives the process stdout and stderr of its own, read through
 * {@link ContainerProcess#stdout()}/{@link ContainerProcess#stderr()} and again after
 * {@link ContainerBackend#attach} (Garden's ProcessIO), instead of the container's logs.
 */
public record ProcessOptions(long nofile, boolean discardOutput, boolean ownStreams) {
    public static final ProcessOptions DEFAULT = new ProcessOptions(0, false, false);
    /** Output to streams of the process's own, as a Garden client that passes a ProcessIO gets it. */
    public static final ProcessOptions OWN_STREAMS = new ProcessOptions(0, false, true);

    public ProcessOptions(long nofile, boolean discardOutput) {
        this(nofile, discardOutput, false);
    }
}
