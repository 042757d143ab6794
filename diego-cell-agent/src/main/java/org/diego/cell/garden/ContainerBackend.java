package org.diego.cell.garden;

import java.io.InputStream;
import java.util.List;

/**
 * A Garden-style container backend. Handles are chosen by the caller (the executor uses the instance
 * guid, as Diego's executor does), so a container can be found again without extra bookkeeping.
 */
public interface ContainerBackend {

    /** Creates an empty container and maps a host port for every requested container port. */
    ContainerInfo create(ContainerSpec spec) throws BackendException;

    /** Starts a process in the container; the returned future completes with its exit status. */
    ContainerProcess run(String handle, ProcessSpec spec) throws BackendException;

    /**
     * Runs a process with limits and output handling (the executor's run step). A backend that cannot
     * apply {@code options} runs the process as {@link #run(String, ProcessSpec)} does.
     */
    default ContainerProcess run(String handle, ProcessSpec spec, ProcessOptions options) throws BackendException {
        return run(handle, spec);
    }

    /**
     * Signals one process started by {@link #run}, not the whole container (Garden's Process.Signal):
     * SIGTERM, or SIGKILL with {@code kill}. The default signals the host pid, which is right for backends
     * whose pids are host pids and the agent may signal them; a gone process is ignored.
     */
    default void signal(String handle, long pid, boolean kill) {
        ProcessHandle.of(pid).ifPresent(p -> {
            if (kill) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
        });
    }

    /**
     * Extracts a tar stream into the directory {@code path} of a live container, creating it (Garden's
     * StreamIn). The caller closes the stream. Backends without it throw UnsupportedOperationException.
     */
    default void streamIn(String handle, String path, InputStream tar) throws BackendException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot stream files in");
    }

    /**
     * Stops every process of the container: with {@code kill} at once (SIGKILL), otherwise SIGTERM
     * first and SIGKILL after the backend's grace time, like Garden's {@code Stop(kill)}.
     */
    void stop(String handle, boolean kill);

    /** Kills whatever still runs, frees the container's ports and deletes it. Unknown handles are fine. */
    void destroy(String handle);

    /**
     * Opens one file of a live container for reading, like Garden's {@code StreamOut} (which streams a tar;
     * the executor only ever reads single files, so this is the file's bytes). The caller closes it. A
     * missing container or file, or a path the backend will not serve, is a {@link BackendException}.
     */
    InputStream streamOut(String handle, String path) throws BackendException;

    /** Handles of every container this backend holds, including ones left over from an earlier run. */
    List<String> list();
}
