package org.diego.core.messages;

/**
 * Auctioneer to one cell, on its queue {@code diego.cell.<id>}: report your state (Diego's rep
 * {@code GET /state}). Request/reply: {@code JMSReplyTo} is the auctioneer's temporary queue and the
 * cell answers with a {@link CellStateReport} whose {@code JMSCorrelationID} is this message's id.
 *
 * @param cellId the cell the auctioneer means to ask; a cell answers with its own id either way, and the
 *               auctioneer skips a reply whose id does not match (as Diego skips a cell-id mismatch)
 */
public record CellStateRequest(String cellId) {
}
