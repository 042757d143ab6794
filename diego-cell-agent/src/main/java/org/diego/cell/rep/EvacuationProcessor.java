package org.diego.cell.rep;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.diego.cell.executor.CellExecutor;
import org.diego.cell.executor.Container;
import org.diego.cell.executor.ContainerState;
import org.diego.cell.garden.ContainerInfo;
import org.diego.core.api.EvacuateClaimedActualLrpRequest;
import org.diego.core.api.EvacuateCrashedActualLrpRequest;
import org.diego.core.api.EvacuateRunningActualLrpRequest;
import org.diego.core.api.EvacuateStoppedActualLrpRequest;
import org.diego.core.api.EvacuationResponse;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;

/**
 * Diego's evacuation LRP processor: while the cell drains, each LRP container is reported by its state
 * instead of being claimed, started, crashed or removed.
 * <ul>
 * <li>not running yet (reserved, or created: its steps run but its startup check has not passed):
 * {@code evacuate_claimed} gives the slot back to the auction; the container goes whatever the answer.</li>
 * <li>running: {@code evacuate_running} with its routable flag (readiness checks); the container goes only when the BBS answers
 * {@code keep_container=false} (its replacement runs elsewhere, or nothing needs it). Until then it keeps
 * serving and is reported again on every sync. No answer keeps it, as Diego's client does.</li>
 * <li>completed: {@code evacuate_stopped} or {@code evacuate_crashed}; the container goes.</li>
 * </ul>
 * Called on the instance's serial queue, by the bulk sync and by the LRP processor's running and completion
 * events.
 */
public final class EvacuationProcessor {
    /** Why work reaching a draining cell is refused (Diego's rep returns it all as failed work). */
    public static final String REFUSAL = "cell is evacuating";
    private static final Logger LOG = Logger.getLogger(EvacuationProcessor.class.getName());

    private final String cellId;
    private final String zone;
    private final CellExecutor executor;
    private final EvacuationBbsClient bbs;
    private final EvacuationContext context;
    private final LifecycleCalls retrying;

    public EvacuationProcessor(String cellId, String zone, CellExecutor executor, EvacuationBbsClient bbs,
                               EvacuationContext context, int attempts, Duration retryBackoff) {
        this.cellId = cellId;
        this.zone = zone;
        this.executor = executor;
        this.bbs = bbs;
        this.context = context;
        this.retrying = new LifecycleCalls(attempts, retryBackoff);
    }

    public boolean evacuating() {
        return context.evacuating();
    }

    /** Reports one LRP container as it now is; a container of another kind is ignored. */
    void process(Container container) {
        if (!LrpTags.isLrp(container)) {
            return;
        }
        ActualLrpKey key = LrpTags.key(container);
        InstanceKey instance = new InstanceKey(container.guid(), cellId);
        String who = "lrp " + key.processGuid() + "/" + key.index() + " instance " + container.guid();
        if (container.state() == ContainerState.COMPLETED) {
            completed(container, key, instance, who);
        } else if (container.state() == ContainerState.RUNNING && container.info() != null) {
            running(container, key, instance, who);
        } else {
            claimed(container, key, instance, who);
        }
    }

    private void claimed(Container container, ActualLrpKey key, InstanceKey instance, String who) {
        report(who + ": evacuate claimed", () -> bbs.evacuateClaimed(new EvacuateClaimedActualLrpRequest(key, instance)));
        executor.destroy(container.guid());
        LOG.info(() -> who + ": evacuated before it ran; container destroyed");
    }

    private void running(Container container, ActualLrpKey key, InstanceKey instance, String who) {
        EvacuateRunningActualLrpRequest request = new EvacuateRunningActualLrpRequest(key, instance,
                netInfo(container.info()), List.of(), Map.of(), container.routable(), zone);
        Optional<EvacuationResponse> answer = report(who + ": evacuate running", () -> bbs.evacuateRunning(request));
        if (answer.isPresent() && !answer.get().keepContainer()) {
            executor.destroy(container.guid());
            LOG.info(() -> who + ": evacuated; container destroyed");
        } else {
            LOG.info(() -> who + ": keeps serving until its replacement runs");
        }
    }

    private void completed(Container container, ActualLrpKey key, InstanceKey instance, String who) {
        if (container.result().stopped()) {
            report(who + ": evacuate stopped",
                    () -> bbs.evacuateStopped(new EvacuateStoppedActualLrpRequest(key, instance)));
        } else {
            String reason = container.result().failureReason();
            report(who + ": evacuate crashed",
                    () -> bbs.evacuateCrashed(new EvacuateCrashedActualLrpRequest(key, instance, reason)));
        }
        executor.destroy(container.guid());
        LOG.info(() -> who + ": completed while evacuating; container destroyed");
    }

    /** The answer, logged when it carries an error; empty when the BBS never answered. */
    private Optional<EvacuationResponse> report(String what, Supplier<EvacuationResponse> call) {
        Optional<EvacuationResponse> answer = retrying.call(what, call);
        answer.filter(r -> r.error() != null)
                .ifPresent(r -> LOG.info(() -> what + ": " + r.error().type() + ": " + r.error().message()));
        if (answer.isEmpty()) {
            LOG.warning(() -> what + ": unanswered");
        }
        return answer;
    }

    static NetInfo netInfo(ContainerInfo info) {
        return new NetInfo(info.hostIp(), info.mappedPorts(), info.containerIp());
    }
}
