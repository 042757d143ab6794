package org.diego.core.messages;

import java.util.List;
import org.diego.core.model.ActualLrpKey;

/**
 * BBS to auctioneer: these indices of one process need a cell (Diego's LRPStartRequest). Travels on
 * the {@link Destinations#AUCTION_QUEUE} inside the transaction that created the need, so a start is
 * requested exactly when the rows it refers to are committed.
 */
public record AuctionRequest(String processGuid, String domain, List<Integer> indices) {
    public AuctionRequest {
        indices = indices == null ? List.of() : List.copyOf(indices);
    }

    public static AuctionRequest of(ActualLrpKey key) {
        return new AuctionRequest(key.processGuid(), key.domain(), List.of(key.index()));
    }
}
