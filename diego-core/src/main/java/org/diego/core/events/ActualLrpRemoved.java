package org.diego.core.events;

import java.util.Set;
import org.diego.core.model.ActualLrpGroup;
import org.diego.core.wire.WireMessage;

/** Deprecated group event: a slot of an index's group lost its row (the group holds that row alone). */
@WireMessage("ActualLRPRemovedEvent")
public record ActualLrpRemoved(ActualLrpGroup actualLrpGroup) implements BbsEvent {
    public static final String TYPE = "actual_lrp_removed";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<EventStream> streams() {
        return Set.of(EventStream.LRP_GROUPS);
    }

    @Override
    public Set<String> cellIds() {
        return Cells.of(actualLrpGroup.resolve().cellId());
    }
}
