package org.diego.core.events;

import java.util.EnumSet;
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

    /**
     * The grid form: the stream names, comma-separated, on a first line before {@link #encode()}, so an
     * instance can tell from the header alone whether any of its subscribers wants the event.
     */
    public String encodeRouted() {
        StringBuilder header = new StringBuilder();
        for (EventStream s : EventStream.values()) {
            if (streams.contains(s)) {
                header.append(header.isEmpty() ? "" : ",").append(s.name());
            }
        }
        return header.append('\n').append(encode()).toString();
    }

    /** The streams named in {@code text}'s header; null for a bare {@link #encode()} (no header), i.e. unknown. */
    public static Set<EventStream> routedStreams(String text) {
        int newline = text.indexOf('\n');
        if (newline < 0 || text.startsWith("{")) {
            return null;
        }
        Set<EventStream> streams = EnumSet.noneOf(EventStream.class);
        for (EventStream s : EventStream.values()) {
            if (named(text, newline, s.name())) {
                streams.add(s);
            }
        }
        return streams;
    }

    /** Reads {@link #encodeRouted()} text, or bare {@link #encode()} text from an instance without headers. */
    public static PublishedEvent decodeRouted(String text) {
        int newline = text.indexOf('\n');
        return decode(newline < 0 || text.startsWith("{") ? text : text.substring(newline + 1));
    }

    private static boolean named(String text, int headerEnd, String name) {
        for (int from = 0; from < headerEnd; ) {
            int comma = text.indexOf(',', from);
            int end = comma < 0 || comma > headerEnd ? headerEnd : comma;
            if (end - from == name.length() && text.startsWith(name, from)) {
                return true;
            }
            from = end + 1;
        }
        return false;
    }
}
