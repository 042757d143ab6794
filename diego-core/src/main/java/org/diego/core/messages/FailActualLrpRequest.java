package org.diego.core.messages;

import org.diego.core.model.ActualLrpKey;

/**
 * A cell could not reserve an instance the auctioneer sent it (Diego's FailActualLRP, which Diego's
 * auctioneer calls for the work the rep returns as failed). Request/reply on {@code diego.bbs}: the row
 * gets {@code placement_error} if it is still UNCLAIMED, and convergence re-auctions it later.
 */
public record FailActualLrpRequest(ActualLrpKey actualLrpKey, String errorMessage) {
}
