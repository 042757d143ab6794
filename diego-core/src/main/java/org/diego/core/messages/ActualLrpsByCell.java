package org.diego.core.messages;

/**
 * A cell's bulk sync asks for every ActualLRP row on it, in any presence (Diego's rep lists
 * {@code ActualLRPs{cell_id}}). Request/reply on {@code diego.bbs}; the reply is an {@code actual_lrps}
 * message ({@link org.diego.core.api.ActualLrpsResponse}).
 */
public record ActualLrpsByCell(String cellId) {
}
