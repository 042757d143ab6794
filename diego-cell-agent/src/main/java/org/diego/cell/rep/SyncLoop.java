package org.diego.cell.rep;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Diego's bulker timer: a {@link BulkSync} pass every {@code interval} (30 s), and once the cell starts
 * evacuating one pass at once and then every {@code evacuationInterval} (10 s), so that running
 * instances learn quickly when their replacements run. A pass re-arms the timer only when it ends, so
 * passes never overlap.
 */
public final class SyncLoop {
    private static final Logger LOG = Logger.getLogger(SyncLoop.class.getName());
    private final BulkSync sync;
    private final Scheduler scheduler;
    private final Duration interval;
    private final Duration evacuationInterval;
    private final EvacuationContext evacuation;
    private Scheduler.Timer next; // guarded by this
    private long generation; // guarded by this; a tick of an older generation was superseded
    private boolean stopped; // guarded by this

    public SyncLoop(BulkSync sync, Scheduler scheduler, Duration interval, Duration evacuationInterval,
                    EvacuationContext evacuation) {
        this.sync = sync;
        this.scheduler = scheduler;
        this.interval = interval;
        this.evacuationInterval = evacuationInterval;
        this.evacuation = evacuation;
        evacuation.onEvacuate(this::evacuationStarted);
    }

    /** The first pass comes one interval from now (the agent has only just reaped its work dir). */
    public void start() {
        arm(currentInterval());
    }

    public void stop() {
        synchronized (this) {
            stopped = true;
            if (next != null) {
                next.cancel();
            }
        }
        sync.stop();
    }

    private void evacuationStarted() {
        arm(Duration.ZERO);
    }

    private Duration currentInterval() {
        return evacuation.evacuating() ? evacuationInterval : interval;
    }

    private synchronized void arm(Duration delay) {
        if (stopped) {
            return;
        }
        if (next != null) {
            next.cancel();
        }
        long mine = ++generation;
        next = scheduler.schedule(delay, () -> tick(mine));
    }

    private void tick(long mine) {
        synchronized (this) {
            if (stopped || mine != generation) {
                return;
            }
        }
        try {
            sync.syncOnce();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "bulk sync failed", e);
        }
        synchronized (this) {
            if (mine == generation) {
                arm(currentInterval());
            }
        }
    }
}
