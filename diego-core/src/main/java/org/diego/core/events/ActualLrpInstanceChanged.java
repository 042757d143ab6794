package org.diego.core.events;

import java.util.Set;
import org.diego.core.model.ActualLrp;
import org.diego.core.wire.WireMessage;

/**
 * An instance row changed. Key and instance key are flattened as in Diego's JSON; like Diego, the
 * instance key is the new one unless the change emptied it (an unclaim), then the old one.
 */
@WireMessage("ActualLRPInstanceChangedEvent")
public record ActualLrpInstanceChanged(
        String processGuid,
        int index,
        String domain,
        String instanceGuid,
        String cellId,
        ActualLrpInfo before,
        ActualLrpInfo after,
        String traceId) implements BbsEvent {
    public static final String TYPE = "actual_lrp_instance_changed";

    public static ActualLrpInstanceChanged of(ActualLrp before, ActualLrp after, String traceId) {
        ActualLrp keyed = after.instanceKey().isEmpty() ? before : after;
        return new ActualLrpInstanceChanged(after.processGuid(), after.index(), after.domain(),
                keyed.instanceGuid(), keyed.cellId(), ActualLrpInfo.of(before), ActualLrpInfo.of(after), traceId);
    }

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
        return Cells.of(cellId);
    }
}
