package org.diego.core.events;

import java.util.Set;
import org.diego.core.model.DesiredLrp;
import org.diego.core.wire.WireMessage;

@WireMessage("DesiredLRPRemovedEvent")
public record DesiredLrpRemoved(DesiredLrp desiredLrp, String traceId) implements BbsEvent {
    public static final String TYPE = "desired_lrp_removed";

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
