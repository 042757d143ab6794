package org.diego.core.events;

import java.util.Set;
import org.diego.core.model.DesiredLrp;
import org.diego.core.wire.WireMessage;

@WireMessage("DesiredLRPCreatedEvent")
public record DesiredLrpCreated(DesiredLrp desiredLrp, String traceId) implements BbsEvent {
    public static final String TYPE = "desired_lrp_created";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<EventStream> streams() {
        return Set.of(EventStream.LRP_INSTANCES, EventStream.LRP_GROUPS);
    }

    @Override
    public Set<String> cellIds() {
        return Set.of();
    }

    @Override
    public boolean forEveryCell() {
        return true;
    }
}
