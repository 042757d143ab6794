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
