package org.diego.core.events;

import java.util.Set;

/**
 * One change to the BBS as subscribers see it. Implementations are records whose JSON form is the
 * event message Diego sends (see {@link org.diego.core.wire.WireMessage} on each).
 */
public interface BbsEvent {
    /** Diego's event name, e.g. {@code actual_lrp_instance_changed}; also the SSE {@code event:} field. */
    String type();

    EventStream stream();

    /**
     * The cells this event concerns, for subscribers that filter by cell id; empty means the event is
     * not about a cell (desired LRP events), and such events reach every subscriber of the stream.
     */
    Set<String> cellIds();
}
