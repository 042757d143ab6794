package org.diego.cell.rep;

import java.time.Duration;
import org.diego.core.messages.CellHeartbeat;

/** Where presence heartbeats go: fire and forget, useless after {@code timeToLive}. */
public interface HeartbeatSink {
    void send(CellHeartbeat heartbeat, Duration timeToLive);
}
