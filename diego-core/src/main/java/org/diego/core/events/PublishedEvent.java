package org.diego.core.events;

import java.util.Set;
import org.diego.core.json.Json;

/**
 * An event on its way to subscribers on every instance: its name, the streams that carry it, the cells
 * it concerns and its JSON form. It travels as JSON text, so no application class has to be known to
 * the data grid.
 */
public record PublishedEvent(String type, Set<EventStream> streams, Set<String> cellIds, boolean forEveryCell,
                             String json) {
    public PublishedEvent {
        streams = streams == null ? Set.of() : Set.copyOf(streams);
        cellIds = cellIds == null ? Set.of() : Set.copyOf(cellIds);
    }

    public static PublishedEvent of(BbsEvent event) {
        return new PublishedEvent(event.type(), event.streams(), event.cellIds(), event.forEveryCell(), Json.write(event));
    }

    /** Whether a subscriber of {@code subscribed} filtering by {@code cellId} ("" = all cells) receives it. */
    public boolean matches(EventStream subscribed, String cellId) {
        if (!streams.contains(subscribed)) {
            return false;
        }
        return cellId == null || cellId.isEmpty() || forEveryCell || cellIds.contains(cellId);
    }

    public String encode() {
        return Json.write(this);
    }

    public static PublishedEvent decode(String text) {
        return Json.read(text, PublishedEvent.class);
    }
}
