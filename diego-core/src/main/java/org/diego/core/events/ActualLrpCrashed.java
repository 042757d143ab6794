package org.diego.core.events;

import java.util.Set;
import org.diego.core.model.ActualLrp;
import org.diego.core.wire.WireMessage;

/**
 * A container exited on its own (Diego's ActualLRPCrashedEvent, keys flattened). Diego sends it on the
 * instance stream and on the deprecated group stream alike, so one event serves both here.
 */
@WireMessage("ActualLRPCrashedEvent")
public record ActualLrpCrashed(
        String processGuid,
        int index,
        String domain,
        String instanceGuid,
        String cellId,
        int crashCount,
        String crashReason,
        long since) implements BbsEvent {
    public static final String TYPE = "actual_lrp_crashed";

    /** {@code before} is the row that crashed (it still has the instance key); {@code after} its new state. */
    public static ActualLrpCrashed of(ActualLrp before, ActualLrp after) {
        return new ActualLrpCrashed(before.processGuid(), before.index(), before.domain(), before.instanceGuid(),
                before.cellId(), after.crashCount(), after.crashReason(), after.since());
    }

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
        return Cells.of(cellId);
    }
}
