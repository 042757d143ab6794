package org.diego.ejb.messaging;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.diego.core.messages.AuctionRequestCodec;
import org.diego.core.model.DiegoException;

/**
 * The cluster-wide queue of start requests for the auctioneer: a Hazelcast {@code IQueue} of
 * {@link AuctionRequestCodec} text. Not transactional: requests are added after their transaction
 * commits ({@link AuctionRequests}) and the auction round puts back what a rolled-back round drained.
 * With the grid's default backup a queued request survives the loss of one member; a request lost
 * otherwise is re-auctioned by convergence (stale UNCLAIMED instances, pending tasks).
 */
@ApplicationScoped
public class AuctionQueue {
    private static final Logger LOG = Logger.getLogger(AuctionQueue.class.getName());
    static final String NAME = "diego-auction-requests";

    @Inject
    HazelcastInstance hazelcast;

    public AuctionQueue() {
    }

    /** For tests: a queue on this grid. */
    AuctionQueue(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    /** Appends the requests ({@code AuctionRequest} / {@code TaskAuctionRequest}) in order, in one grid call. */
    public void offer(List<?> requests) {
        if (requests.isEmpty()) {
            return;
        }
        List<String> encoded = new ArrayList<>(requests.size());
        for (Object r : requests) {
            encoded.add(AuctionRequestCodec.encode(r));
        }
        queue().addAll(encoded);
    }

    /** Takes up to {@code max} requests, oldest first; undecodable entries are logged and dropped. */
    public List<Object> drain(int max) {
        List<String> taken = new ArrayList<>();
        queue().drainTo(taken, Math.max(0, max));
        List<Object> requests = new ArrayList<>(taken.size());
        for (String text : taken) {
            try {
                requests.add(AuctionRequestCodec.decode(text));
            } catch (DiegoException e) {
                LOG.warning(() -> "dropping undecodable auction request: " + e.getMessage());
            }
        }
        return requests;
    }

    private IQueue<String> queue() {
        return hazelcast.getQueue(NAME);
    }
}
