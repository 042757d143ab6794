package org.diego.cell.garden;

import java.io.InputStream;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
     * Opens one file of a live container for reading: its bytes, not a tar (the executor's task result
     * files and uploads read single files; Garden's StreamOut + taking the first entry, in one step). The
     * caller closes it. A missing container or file, or a path the backend will not serve, is a
     * {@link BackendException}.
     */
    InputStream readFile(String handle, String path) throws BackendException;

    /**
     * {@link #readFile(String, String)} as {@code user} of the container (Garden's StreamOutSpec.User: a
     * relative path is relative to its home). A blank user is {@link #readFile(String, String)}; backends
     * without users ignore it.
     */
    default InputStream readFile(String handle, String path, String user) throws BackendException {
        return readFile(handle, path);
    }

    /**
     * Garden's StreamOut: a tar of the file or directory {@code path} of a live container, the entry named
     * after the path's last component ({@code /home/vcap/app} → {@code app/...}), or the directory's
     * contents ({@code ./...}) when the path ends in {@code /}. The caller closes it.
     */
    default InputStream streamOut(String handle, String path) throws BackendException {
        return streamOut(handle, path, null);
    }

    /** {@link #streamOut(String, String)} as {@code user} (a relative path is relative to its home). */
    default InputStream streamOut(String handle, String path, String user) throws BackendException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot stream a tar out");
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

    // ---- The rest of Garden's API. Backends without it throw UnsupportedOperationException. ----

    /**
     * Containers whose properties include every entry of {@code properties} (Garden's Containers(filter));
     * an empty filter is {@link #list()}. Leftovers of an earlier run have no properties.
     */
    default List<String> list(Map<String, String> properties) {
        if (properties == null || properties.isEmpty()) {
            return list();
        }
        throw unsupported("list containers by property");
    }

    /** Garden's Info (and Lookup: an unknown handle is a {@link BackendException}). */
    default ContainerDetails info(String handle) throws BackendException {
        throw unsupported("describe containers");
    }

    /** Garden's BulkInfo: one entry per handle, an unknown one with its error. */
    default Map<String, BulkEntry<ContainerDetails>> bulkInfo(Collection<String> handles) {
        Map<String, BulkEntry<ContainerDetails>> result = new LinkedHashMap<>();
        for (String handle : handles) {
            try {
                result.put(handle, BulkEntry.of(info(handle)));
            } catch (BackendException e) {
                result.put(handle, BulkEntry.failed(e.getMessage()));
            }
        }
        return result;
    }

    /** Garden's BulkMetrics: {@link #usage} per handle; an unknown one with its error. */
    default Map<String, BulkEntry<ContainerUsage>> bulkMetrics(Collection<String> handles) {
        Map<String, BulkEntry<ContainerUsage>> result = new LinkedHashMap<>();
        for (String handle : handles) {
            ContainerUsage usage = usage(handle);
            result.put(handle, usage != null ? BulkEntry.of(usage)
                    : BulkEntry.failed("no metrics for container " + handle + " (unknown or unreadable)"));
        }
        return result;
    }

    /** Garden's Capacity. */
    default Capacity capacity() {
        throw unsupported("report its capacity");
    }

    /** All properties of a container. */
    default Map<String, String> properties(String handle) throws BackendException {
        throw unsupported("keep properties");
    }

    /** One property; a missing one is a {@link BackendException}, as in Garden. */
    default String property(String handle, String name) throws BackendException {
        throw unsupported("keep properties");
    }

    default void setProperty(String handle, String name, String value) throws BackendException {
        throw unsupported("keep properties");
    }

    /** Removes a property; a missing one is fine. */
    default void removeProperty(String handle, String name) throws BackendException {
        throw unsupported("keep properties");
    }

    /**
     * Garden's Attach: the process {@code processId} of the container, running or recently exited, with
     * its exit status and (if started with {@link ProcessOptions#ownStreams()}) its output from the start.
     * An unknown id is a {@link BackendException}.
     */
    default ContainerProcess attach(String handle, String processId) throws BackendException {
        throw unsupported("attach to processes");
    }

    /** Garden's SetGraceTime: null or zero means never destroyed for being unused. */
    default void setGraceTime(String handle, Duration graceTime) throws BackendException {
        throw unsupported("keep grace times");
    }

    private UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(getClass().getSimpleName() + " cannot " + what);
    }
}
