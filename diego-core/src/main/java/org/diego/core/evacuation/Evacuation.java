package org.diego.core.evacuation;

import java.util.List;
import org.diego.core.events.ActualLrpEvents;
import org.diego.core.events.BbsEvent;
import org.diego.core.lifecycle.LrpPlan;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.DiegoException;
import org.diego.core.model.IndexRows;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.Presence;
import org.diego.core.model.RestartPolicy;
import org.diego.core.model.RunningInfo;
import org.diego.core.time.GuidGenerator;

/**
 * Diego's evacuation controller over the rows of one index. The reporting container is the row its
 * instance key holds (the "target"), looked up in every presence. Refusals come back as the outcome's
 * error with no writes, together with the {@code keep_container} Diego answers in that case.
 */
public final class Evacuation {
    private final long now;
    private final GuidGenerator guids;
    private final RestartPolicy policy;
    private final String traceId;

    public Evacuation(long nowNanos, GuidGenerator guids, RestartPolicy policy, String traceId) {
        this.now = nowNanos;
        this.guids = guids;
        this.policy = policy;
        this.traceId = traceId == null ? "" : traceId;
    }

    /**
     * A container that never ran is dropped: an evacuating or suspect row of it is deleted; the
     * ORDINARY row it claimed goes back to the auction. The cell never keeps the container.
     */
    public EvacuationOutcome claimed(IndexRows rows, ActualLrpKey key, InstanceKey by) {
        ActualLrp target = rows.find(by);
        if (target == null) {
            return EvacuationOutcome.failed(notFound(key, by).toError(), false);
        }
        if (target.presence() != Presence.ORDINARY) {
            return EvacuationOutcome.done(delete(target), false);
        }
        ActualLrp after;
        try {
            after = target.unclaim(now);
        } catch (DiegoException e) {
            return EvacuationOutcome.failed(e.toError(), true);
        }
        return EvacuationOutcome.done(new LrpPlan.Builder()
                .update(target, after, ActualLrpEvents.changed(target, after, traceId))
                .auction(target.key()).result(after).build(), false);
    }

    /**
     * A container crashed while its cell drains: an evacuating or suspect row is deleted, an ORDINARY
     * one crashes as in a normal crash report (and is auctioned when it restarts at once).
     */
    public EvacuationOutcome crashed(IndexRows rows, ActualLrpKey key, InstanceKey by, String reason) {
        ActualLrp target = rows.find(by);
        if (target == null) {
            return EvacuationOutcome.failed(notFound(key, by).toError(), false);
        }
        if (target.presence() != Presence.ORDINARY) {
            return EvacuationOutcome.done(delete(target), false);
        }
        ActualLrp after;
        try {
            after = target.crash(by, reason, now, policy);
        } catch (DiegoException e) {
            return EvacuationOutcome.failed(e.toError(), false);
        }
        LrpPlan.Builder plan = new LrpPlan.Builder()
                .update(target, after, ActualLrpEvents.crashed(target, after, traceId)).result(after);
        if (after.state() == ActualLrpState.UNCLAIMED) {
            plan.auction(after.key());
        }
        return EvacuationOutcome.done(plan.build(), false);
    }

    /** A container stopped while its cell drains: whichever row it holds is deleted. */
    public EvacuationOutcome stopped(IndexRows rows, ActualLrpKey key, InstanceKey by) {
        ActualLrp target = rows.find(by);
        if (target == null) {
            return EvacuationOutcome.failed(notFound(key, by).toError(), false);
        }
        return EvacuationOutcome.done(delete(target), false);
    }

    /**
     * A container still runs on a draining cell. Under the rolling strategy its instance moves to an
     * EVACUATING row (routes keep pointing at it) and the ORDINARY row is auctioned again; the cell
     * keeps the container until a replacement runs, then is told to drop it and its evacuating row.
     * Under recreate the instance is given back to the auction at once, one instance at a time.
     */
    public EvacuationOutcome running(IndexRows rows, ActualLrpKey key, InstanceKey by, RunningInfo info,
                                     DesiredState desired) {
        if (rows.isEmpty()) {
            return EvacuationOutcome.done(LrpPlan.NOTHING, false);
        }
        ActualLrp target = rows.find(by);
        ActualLrp ordinary = rows.ordinary();
        boolean replacementServes = ordinary != null && !ordinary.equals(target)
                && (ordinary.state() == ActualLrpState.RUNNING || ordinary.state() == ActualLrpState.CRASHED);
        if (ordinary == null || replacementServes || !desired.exists()) {
            // Nothing left to keep routable for: the index is gone, or its replacement already runs.
            return EvacuationOutcome.done(deleteIfEvacuating(target), false);
        }
        if (desired.recreate()) {
            return recreate(target, desired);
        }
        if (target == null || target.presence() == Presence.EVACUATING) {
            ActualLrp evacuating = rows.evacuating();
            if (evacuating != null && !evacuating.equals(target)) {
                // Another cell's instance already keeps the index routable; one evacuating row per index.
                return EvacuationOutcome.done(LrpPlan.NOTHING, false);
            }
            LrpPlan.Builder plan = new LrpPlan.Builder();
            if (evacuating == null) {
                ActualLrp row = ActualLrp.evacuating(ordinary.key(), by, info, now, guids.newGuid());
                plan.insert(row, ActualLrpEvents.created(row, traceId));
            } else {
                ActualLrp after = evacuating.reEvacuate(by, info, now);
                plan.update(evacuating, after, ActualLrpEvents.changed(evacuating, after, traceId));
            }
            return EvacuationOutcome.done(plan.build(), true);
        }
        if (target.placed()) {
            return EvacuationOutcome.done(moveToEvacuating(rows, target, info), true);
        }
        return EvacuationOutcome.done(LrpPlan.NOTHING, false);
    }

    /**
     * The cell gave up on an evacuating instance (e.g. its evacuation timed out). Only an EVACUATING row
     * held by that instance key can go; anything else is not found.
     */
    public LrpPlan removeEvacuating(IndexRows rows, ActualLrpKey key, InstanceKey by) {
        ActualLrp target = rows.find(by);
        if (target == null || target.presence() != Presence.EVACUATING) {
            throw notFound(key, by);
        }
        return delete(target);
    }

    /**
     * The evacuation dance: the placed instance's row becomes (or replaces) the EVACUATING row, which
     * subscribers see as one change of presence; a SUSPECT source row is dropped, an ORDINARY one is
     * unclaimed, which subscribers see as a new instance to place, and auctioned.
     */
    private LrpPlan moveToEvacuating(IndexRows rows, ActualLrp target, RunningInfo reported) {
        // A RUNNING row knows its net info; a CLAIMED one has none yet, so the cell's report supplies it.
        RunningInfo info = target.state() == ActualLrpState.RUNNING ? target.runningInfo() : reported;
        LrpPlan.Builder plan = new LrpPlan.Builder();
        ActualLrp evacuating = rows.evacuating();
        boolean moved = true;
        if (evacuating == null) {
            ActualLrp row = ActualLrp.evacuating(target.key(), target.instanceKey(), info, now, guids.newGuid());
            plan.insert(row, ActualLrpEvents.changed(target, row, traceId));
        } else {
            ActualLrp after = evacuating.reEvacuate(target.instanceKey(), info, now);
            moved = after != evacuating;
            if (moved) {
                List<BbsEvent> raised = evacuating.instanceKey().equals(target.instanceKey())
                        ? ActualLrpEvents.changed(target, after, traceId)
                        : concat(ActualLrpEvents.removed(evacuating, traceId), ActualLrpEvents.changed(target, after, traceId));
                plan.update(evacuating, after, raised);
            }
        }
        if (target.presence() == Presence.SUSPECT) {
            return plan.delete(target, moved ? List.of() : ActualLrpEvents.removed(target, traceId))
                    .result(rows.ordinary()).build();
        }
        ActualLrp unclaimed = target.unclaim(now);
        List<BbsEvent> raised = moved ? ActualLrpEvents.created(unclaimed, traceId)
                : ActualLrpEvents.changed(target, unclaimed, traceId);
        return plan.update(target, unclaimed, raised).auction(target.key()).result(unclaimed).build();
    }

    /** The recreate strategy never duplicates an instance: an ORDINARY one is unclaimed only when all run. */
    private EvacuationOutcome recreate(ActualLrp target, DesiredState desired) {
        if (target == null) {
            return EvacuationOutcome.done(LrpPlan.NOTHING, false);
        }
        if (target.presence() != Presence.ORDINARY) {
            return EvacuationOutcome.done(delete(target), false);
        }
        if (!target.placed()) {
            return EvacuationOutcome.done(LrpPlan.NOTHING, false);
        }
        if (desired.runningOrdinary() < desired.instances()) {
            // Another instance is already being moved: this one waits, and keeps serving.
            return EvacuationOutcome.done(LrpPlan.NOTHING, true);
        }
        ActualLrp after = target.unclaim(now);
        return EvacuationOutcome.done(new LrpPlan.Builder()
                .update(target, after, ActualLrpEvents.changed(target, after, traceId))
                .auction(target.key()).result(after).build(), false);
    }

    private LrpPlan deleteIfEvacuating(ActualLrp target) {
        return target != null && target.presence() == Presence.EVACUATING ? delete(target) : LrpPlan.NOTHING;
    }

    private LrpPlan delete(ActualLrp row) {
        return new LrpPlan.Builder().delete(row, ActualLrpEvents.removed(row, traceId)).build();
    }

    private static DiegoException notFound(ActualLrpKey key, InstanceKey by) {
        return DiegoException.notFound("actual LRP " + key.processGuid() + "/" + key.index() + " held by " + by);
    }

    private static List<BbsEvent> concat(List<BbsEvent> a, List<BbsEvent> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
