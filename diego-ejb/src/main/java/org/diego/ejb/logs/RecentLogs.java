package org.diego.ejb.logs;

import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.ringbuffer.OverflowPolicy;
import com.hazelcast.ringbuffer.ReadResultSet;
import com.hazelcast.ringbuffer.Ringbuffer;
import com.hazelcast.ringbuffer.StaleSequenceException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The recent lines of each log guid: a Hazelcast ring buffer per guid ({@value #PREFIX}{@code <guid>}) of
 * {@code diego.logs.recent-capacity} envelope JSON texts (default 1000), the oldest overwritten, shared by
 * every instance. A guid is known once lines arrived for it ({@value #KNOWN} map, forgotten a day after
 * its last line), so reading an unknown guid creates no ring buffer.
 */
@ApplicationScoped
public class RecentLogs {
    private static final Logger LOG = Logger.getLogger(RecentLogs.class.getName());
    static final String PREFIX = "diego-logs-";
    static final String KNOWN = "diego-log-guids";
    /** Hazelcast reads at most this many items per call. */
    private static final int READ_BATCH = 1000;
    private static final long KNOWN_TTL_HOURS = 24;
    static final int DEFAULT_CAPACITY = 1000;

    @Inject
    HazelcastInstance hazelcast;
    @Inject
    @ConfigProperty(name = "diego.logs.recent-capacity", defaultValue = "1000")
    int capacity;

    public RecentLogs() {
    }

    RecentLogs(HazelcastInstance hazelcast, int capacity) {
        this.hazelcast = hazelcast;
        this.capacity = capacity;
        configure();
    }

    /** Every instance adds the same config; a grid that already has a different one keeps it (logged). */
    @PostConstruct
    void configure() {
        if (capacity <= 0) {
            LOG.warning(() -> "diego.logs.recent-capacity must be positive, not " + capacity + "; using "
                    + DEFAULT_CAPACITY);
            capacity = DEFAULT_CAPACITY;
        }
        try {
            hazelcast.getConfig().addRingBufferConfig(new RingbufferConfig(PREFIX + "*").setCapacity(capacity)
                    .setBackupCount(1).setTimeToLiveSeconds(0));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot configure log ring buffers with capacity " + capacity
                    + " (the grid keeps its own): " + e.getMessage());
        }
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Appends one guid's lines (envelope JSON, oldest first), overwriting the oldest when full. Returns at
     * once; the future completes when the grid has them.
     */
    public CompletableFuture<Void> append(String logGuid, List<String> envelopes) {
        if (envelopes.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> known = hazelcast.<String, Long>getMap(KNOWN).setAsync(logGuid,
                System.currentTimeMillis(), KNOWN_TTL_HOURS, TimeUnit.HOURS).toCompletableFuture();
        CompletableFuture<Long> added = hazelcast.<String>getRingbuffer(PREFIX + logGuid)
                .addAllAsync(envelopes, OverflowPolicy.OVERWRITE).toCompletableFuture();
        return CompletableFuture.allOf(known, added);
    }

    /** The last {@code limit} lines of a guid (at most the capacity), oldest first; none for an unknown guid. */
    public List<String> recent(String logGuid, int limit) {
        IMap<String, Long> known = hazelcast.getMap(KNOWN);
        if (limit <= 0 || !known.containsKey(logGuid)) {
            return List.of();
        }
        Ringbuffer<String> ring = hazelcast.getRingbuffer(PREFIX + logGuid);
        long tail = ring.tailSequence();
        long from = RecentWindow.start(ring.headSequence(), tail, limit);
        List<String> lines = new ArrayList<>();
        int staleRetries = 3;
        while (from <= tail) {
            int count = (int) Math.min(READ_BATCH, tail - from + 1);
            try {
                ReadResultSet<String> read = ring.readManyAsync(from, 0, count, null).toCompletableFuture().get();
                if (read.readCount() == 0) {
                    break;
                }
                read.forEach(lines::add);
                from = read.getNextSequenceToReadFrom();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof StaleSequenceException) || staleRetries-- == 0) {
                    LOG.log(Level.FINE, "reading recent logs of " + logGuid, e);
                    break;
                }
                // Overwritten while we read: go on from the oldest line still there.
                from = ring.headSequence();
            }
        }
        return lines.size() > limit ? lines.subList(lines.size() - limit, lines.size()) : lines;
    }
}
