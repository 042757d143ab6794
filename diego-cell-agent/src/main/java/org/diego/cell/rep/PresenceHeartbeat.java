package org.diego.cell.rep;

import java.time.Duration;
import java.util.logging.Logger;
import org.diego.core.messages.CellHeartbeat;
import org.diego.core.model.CellPresence;

/**
 * Keeps this cell's presence alive, like the rep's Locket presence runner: the cluster expires a cell
 * that has not heart-beaten for its presence TTL. A heartbeat older than three intervals is worthless
 * (a newer one is on its way or the cell is gone), so that is its time to live on the broker.
 */
public final class PresenceHeartbeat implements Runnable {
    private static final Logger LOG = Logger.getLogger(PresenceHeartbeat.class.getName());
    private final CellPresence presence;
    private final HeartbeatSink sink;
    private final Duration timeToLive;
    private volatile boolean failing;

    public PresenceHeartbeat(CellPresence presence, HeartbeatSink sink, Duration interval) {
        this.presence = presence.validate();
        this.sink = sink;
        this.timeToLive = interval.multipliedBy(3);
    }

    /** Sends one heartbeat; failures are logged (once per outage) and never thrown, to keep the schedule. */
    @Override
    public void run() {
        try {
            sink.send(new CellHeartbeat(presence), timeToLive);
            if (failing) {
                LOG.info(() -> "cell " + presence.cellId() + " heartbeats are delivered again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warning(() -> "cell " + presence.cellId() + " heartbeat failed: " + e.getMessage()
                        + " (retrying every interval; the cluster drops the cell once its presence TTL passes)");
            }
            failing = true;
        }
    }

    public Duration timeToLive() {
        return timeToLive;
    }
}
