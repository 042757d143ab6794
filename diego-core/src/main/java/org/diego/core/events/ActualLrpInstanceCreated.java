package org.diego.core.events;

import java.util.Set;
import org.diego.core.model.ActualLrp;
import org.diego.core.wire.WireMessage;

@WireMessage("ActualLRPInstanceCreatedEvent")
public record ActualLrpInstanceCreated(ActualLrp actualLrp, String traceId) implements BbsEvent {
    public static final String TYPE = "actual_lrp_instance_created";

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
