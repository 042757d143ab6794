package org.diego.core.events;

import java.util.Set;
import org.diego.core.model.ActualLrp;
import org.diego.core.wire.WireMessage;

@WireMessage("ActualLRPInstanceRemovedEvent")
public record ActualLrpInstanceRemoved(ActualLrp actualLrp, String traceId) implements BbsEvent {
    public static final String TYPE = "actual_lrp_instance_removed";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<EventStream> streams() {
        return Set.of(EventStream.LRP_INSTANCES);
    }

    @Override
    public Set<String> cellIds() {
        return Cells.of(actualLrp.cellId());
    }
}
