package org.diego.core.messages;

import org.diego.core.model.CellPresence;

/** Sent by a cell every heartbeat interval; keeps its presence alive for the presence TTL. */
public record CellHeartbeat(CellPresence cell) {
}
