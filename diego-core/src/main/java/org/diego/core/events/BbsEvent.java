package org.diego.core.events;

import java.util.Set;

/**
 * One change to the BBS as subscribers see it. Implementations are records whose JSON form is the
 * event message Diego sends (see {@link org.diego.core.wire.WireMessage} on each).
 */
public interface BbsEvent {
    /** Diego's event name, e.g. {@code actual_lrp_instance_changed}; also the SSE {@code event:} field. */
    String type();

    /**
     * The streams that carry this event: desired LRP and crash events go to both LRP streams, instance
     * events only to {@link EventStream#LRP_INSTANCES}, group events only to {@link EventStream#LRP_GROUPS}.
     */
    Set<EventStream> streams();

    /** The cells this event concerns, for subscribers that filter by cell id (an UNCLAIMED row: none). */
    Set<String> cellIds();

    /**
     * Whether the event reaches every subscriber of its stream whatever its cell filter: desired LRP
     * events do, since a cell's route emitter needs the routes of what may land on it.
     */
    default boolean forEveryCell() {
        return false;
    }
}
