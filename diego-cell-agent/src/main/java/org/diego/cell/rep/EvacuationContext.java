package org.diego.cell.rep;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Whether this cell is draining (Diego's evacuation context). Evacuation starts once, from the admin
 * endpoint or the SIGTERM hook, and never ends: the agent exits when it is done. Listeners learn of the
 * start on the thread that started it.
 */
public final class EvacuationContext {
    private static final Logger LOG = Logger.getLogger(EvacuationContext.class.getName());
    private final AtomicBoolean evacuating = new AtomicBoolean();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public boolean evacuating() {
        return evacuating.get();
    }

    /** Starts evacuating; true the first time, false when already evacuating. */
    public boolean evacuate() {
        if (!evacuating.compareAndSet(false, true)) {
            return false;
        }
        LOG.info("evacuating: refusing new work and moving every instance off this cell");
        listeners.forEach(Runnable::run);
        return true;
    }

    /** Registered before evacuation can start (at wiring), so no start is missed. */
    public void onEvacuate(Runnable listener) {
        listeners.add(listener);
    }
}
