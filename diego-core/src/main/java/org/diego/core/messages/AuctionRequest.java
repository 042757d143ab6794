package org.diego.core.messages;

import java.util.List;
import org.diego.core.model.ActualLrpKey;

/**
 * BBS to auctioneer: these indices of one process need a cell (Diego's LRPStartRequest). Queued on the
 * data grid ({@link AuctionRequestCodec}) after the transaction that created the need commits, as
 * Diego's BBS calls the auctioneer after its write; a lost request is re-auctioned by convergence.
 */
public record AuctionRequest(String processGuid, String domain, List<Integer> indices) {
    public AuctionRequest {
        indices = indices == null ? List.of() : List.copyOf(indices);
    }

    public static AuctionRequest of(ActualLrpKey key) {
        return new AuctionRequest(key.processGuid(), key.domain(), List.of(key.index()));
    }
}
