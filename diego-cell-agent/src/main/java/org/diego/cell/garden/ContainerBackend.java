package org.diego.cell.garden;

import java.io.InputStream;
import java.util.List;

/**
 * A Garden-style container backend. Handles are chosen by the caller (the executor uses the instance
 * guid, as Diego's executor does), so a container can be found again without extra bookkeeping.
 *
 * <p>Where a process listens is the backend's business, because only it knows whether the container
 * has a network of its own: {@link ContainerInfo#containerIp()} and the port mappings tell the executor
 * what to announce (CF_INSTANCE_*), and the backend sets {@code PORT} for the process. The process
 * backend shares the host's network, so it overrides {@code PORT} with the host port; the runc backend
 * gives each container its own namespace and leaves {@code PORT} as requested (default: the first
 * container port), as in Diego.
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
     * {@link #streamIn(String, String, InputStream)} as {@code user} of the container (Garden's
     * StreamInSpec.User: the files belong to that user and a relative path is relative to its home). A
     * blank user is the backend's default; backends without users (the process backend) ignore it.
     */
    default void streamIn(String handle, String path, String user, InputStream tar) throws BackendException {
        streamIn(handle, path, tar);
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

    /**
     * {@link #streamOut(String, String)} as {@code user} of the container (Garden's StreamOutSpec.User: a
     * relative path is relative to its home). A blank user is {@link #streamOut(String, String)}; backends
     * without users ignore it.
     */
    default InputStream streamOut(String handle, String path, String user) throws BackendException {
        return streamOut(handle, path);
    }

    /**
     * What a live container uses now, for its metrics (Garden's Metrics); null when the backend cannot
     * tell or the container is unknown. May read the file system: not for hot paths.
     */
    default ContainerUsage usage(String handle) {
        return null;
    }

    /** Handles of every container this backend holds, including ones left over from an earlier run. */
    List<String> list();
}
