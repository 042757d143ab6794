package org.diego.cell.garden;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every backend keeps about a live container beyond its own resources: its info, properties,
 * processes by id, whether it was stopped, and its grace time with when it was last used.
 */
final class ContainerRecord {
    private final ContainerInfo info;
    private final Map<String, String> properties;
    private final ProcessRegistry processes = new ProcessRegistry();
    private volatile Duration graceTime;
    private volatile Instant lastUsed;
    private volatile boolean stopped;

    ContainerRecord(ContainerInfo info, Map<String, String> properties, Duration graceTime, Instant now) {
        this.info = info;
        this.properties = new ConcurrentHashMap<>(properties);
        this.graceTime = graceTime;
        this.lastUsed = now;
    }

    ContainerInfo info() {
        return info;
    }

    Map<String, String> properties() {
        return properties;
    }

    ProcessRegistry processes() {
        return processes;
    }

    void touch(Instant now) {
        lastUsed = now;
    }

    void graceTime(Duration grace, Instant now) {
        graceTime = grace == null || grace.isZero() ? null : grace;
        lastUsed = now;
    }

    Duration graceTime() {
        return graceTime;
    }

    void markStopped() {
        stopped = true;
    }

    /** Unused for its whole grace time, and nothing it runs counts as use. */
    boolean idle(Instant now) {
        Duration grace = graceTime;
        return grace != null && !processes.anyRunning() && !now.isBefore(lastUsed.plus(grace));
    }

    ContainerDetails details(List<String> events) {
        return new ContainerDetails(info, stopped ? "stopped" : "active", processes.runningIds(),
                new TreeMap<>(properties), graceTime, events);
    }
}
