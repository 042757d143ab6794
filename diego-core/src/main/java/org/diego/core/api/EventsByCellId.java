package org.diego.core.api;

import org.diego.core.wire.WireMessage;

/** Subscription filter of the event streams: {@code cell_id} "" (or absent) means every cell. */
@WireMessage("EventsByCellId")
public record EventsByCellId(String cellId) {
    public EventsByCellId {
        cellId = cellId == null ? "" : cellId;
    }
}
