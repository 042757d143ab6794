package org.diego.core.auction;

import java.util.List;
import java.util.Map;

/** Where each instance goes, and why the others could not be placed (Diego's placement error texts). */
public record AuctionResult(Map<String, List<LrpAuction>> placements, List<Failure> failures) {
    public record Failure(LrpAuction auction, String reason) {
    }
}
