package org.diego.cell.garden;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes of one container by id, for {@link ContainerBackend#attach}. Running processes stay
 * until they exit; only the last {@link #KEEP_EXITED} exited ones are kept (health checks start one every
 * few seconds for a container's whole life), so an attach just after an exit still finds its status.
 */
final class ProcessRegistry {
    static final int KEEP_EXITED = 32;
    private final Map<String, ContainerProcess> processes = new LinkedHashMap<>();

    /** Registers a process about to start; an id a running process already has is refused, as in Garden. */
    synchronized void reserve(String id) throws BackendException {
        ContainerProcess existing = processes.get(id);
        if (existing != null && existing.running()) {
            throw new BackendException("process " + id + " already exists and is running");
        }
        if (existing != null) {
            processes.remove(id).output().delete();
        }
        processes.put(id, null);
    }

    /** Gives up a reservation whose process did not start. */
    synchronized void cancel(String id) {
        if (processes.get(id) == null) {
            processes.remove(id);
        }
    }

    synchronized void started(ContainerProcess process) {
        processes.put(process.id(), process);
        process.exitStatus().whenComplete((status, error) -> trim());
    }

    /** The process, running or recently exited; null if unknown. */
    synchronized ContainerProcess get(String id) {
        return processes.get(id);
    }

    synchronized List<String> runningIds() {
        List<String> ids = new ArrayList<>();
        processes.forEach((id, p) -> {
            if (p == null || p.running()) {
                ids.add(id);
            }
        });
        return ids;
    }

    synchronized boolean anyRunning() {
        return processes.values().stream().anyMatch(p -> p == null || p.running());
    }

    private synchronized void trim() {
        long exited = processes.values().stream().filter(p -> p != null && !p.running()).count();
        Iterator<ContainerProcess> it = processes.values().iterator();
        while (exited > KEEP_EXITED && it.hasNext()) {
            ContainerProcess p = it.next();
            if (p != null && !p.running()) {
                it.remove();
                p.output().delete();
                exited--;
            }
        }
    }
}
