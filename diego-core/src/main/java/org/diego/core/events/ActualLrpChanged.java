package org.diego.core.events;

import java.util.Set;
import org.diego.core.model.ActualLrpGroup;
import org.diego.core.wire.WireMessage;

/**
 * Deprecated group event: the row in a slot of an index's group changed but stayed the same instance
 * (an unclaim counts as a change here, unlike on the instance stream). Each group holds that row alone,
 * except after a cell's crash report, when both are the index's whole groups, as in Diego.
 */
@WireMessage("ActualLRPChangedEvent")
public record ActualLrpChanged(ActualLrpGroup before, ActualLrpGroup after) implements BbsEvent {
    public static final String TYPE = "actual_lrp_changed";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<EventStream> streams() {
        return Set.of(EventStream.LRP_GROUPS);
    }

    /** The cells of the rows both groups resolve to: a subscriber of either cell hears of the change. */
    @Override
    public Set<String> cellIds() {
        return Cells.of(before.resolve().cellId(), after.resolve().cellId());
    }
}
