package org.diego.core.events;

import java.util.Set;
import org.diego.core.model.ActualLrpGroup;
import org.diego.core.wire.WireMessage;

/**
 * Deprecated group event: a slot of an index's group (its instance or its evacuating row) got a row,
 * or a new instance replaced the one there. The group holds that row alone, as Diego's does.
 */
@WireMessage("ActualLRPCreatedEvent")
public record ActualLrpCreated(ActualLrpGroup actualLrpGroup) implements BbsEvent {
    public static final String TYPE = "actual_lrp_created";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<EventStream> streams() {
        return Set.of(EventStream.LRP_GROUPS);
    }

    /** The cell of the row the group resolves to, as Diego's cell filter reads it. */
    @Override
    public Set<String> cellIds() {
        return Cells.of(actualLrpGroup.resolve().cellId());
    }
}
