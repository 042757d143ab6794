package org.diego.core.messages;

/**
 * A cell's bulk sync asks for every Task the BBS has on it (Diego's rep calls TasksByCellID).
 * Request/reply on {@code diego.bbs}; the reply is a {@code tasks} message
 * ({@link org.diego.core.api.TasksResponse}).
 */
public record TasksByCell(String cellId) {
}
