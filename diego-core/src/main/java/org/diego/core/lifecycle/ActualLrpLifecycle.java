package org.diego.core.lifecycle;

import java.util.Set;
import org.diego.core.events.ActualLrpEvents;
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
 * The cell-facing lifecycle requests (Diego's ActualLRP lifecycle controller) on the rows of one
 * index. A refused request throws the Diego error and plans nothing; a request that finds the rows
 * already as asked plans no write and no event.
 */
public final class ActualLrpLifecycle {
    private final long now;
    private final GuidGenerator guids;
    private final RestartPolicy policy;
    private final String traceId;

    public ActualLrpLifecycle(long nowNanos, GuidGenerator guids, RestartPolicy policy, String traceId) {
        this.now = nowNanos;
        this.guids = guids;
        this.policy = policy;
        this.traceId = traceId == null ? "" : traceId;
    }

    /** A cell reserved a container. Claims from the cell of a SUSPECT row are ignored: it gets no new work. */
    public LrpPlan claim(IndexRows rows, String processGuid, int index, InstanceKey by) {
        if (heldAsSuspect(rows, by)) {
            return LrpPlan.nothing(rows.ordinary());
        }
        ActualLrp ordinary = required(rows.ordinary(), processGuid, index);
        ActualLrp after = ordinary.claim(by, now);
        return new LrpPlan.Builder().update(ordinary, after, ActualLrpEvents.changed(ordinary, after, traceId))
                .result(after).build();
    }

    /**
     * A container is running. A SUSPECT row's cell is ignored (its replacement goes on being placed).
     * With no ORDINARY row the start creates one, so the BBS learns what runs. Once the ORDINARY row
     * runs, an evacuating or suspect row of the index has been replaced and goes, even when this start
     * was a repeat.
     */
    public LrpPlan start(IndexRows rows, ActualLrpKey key, InstanceKey by, RunningInfo info) {
        if (heldAsSuspect(rows, by)) {
            return LrpPlan.nothing(rows.ordinary());
        }
        LrpPlan.Builder plan = new LrpPlan.Builder();
        ActualLrp ordinary = rows.ordinary();
        ActualLrp after;
        if (ordinary == null) {
            by.validate();
            after = ActualLrp.running(key, by, info, now, guids.newGuid());
            plan.insert(after, ActualLrpEvents.created(after, traceId));
        } else {
            after = ordinary.start(key, by, info, now);
            plan.update(ordinary, after, ActualLrpEvents.changed(ordinary, after, traceId));
        }
        for (ActualLrp replaced : new ActualLrp[] {rows.evacuating(), rows.suspect()}) {
            if (replaced != null) {
                plan.delete(replaced, ActualLrpEvents.removed(replaced, traceId));
            }
        }
        return plan.result(after).build();
    }

    /**
     * A container exited on its own. A SUSPECT row's container crashing just removes that row (its
     * replacement already holds the index); otherwise the ORDINARY row crashes and, when the back-off
     * policy restarts it at once, is auctioned again.
     */
    public LrpPlan crash(IndexRows rows, ActualLrpKey key, InstanceKey by, String reason) {
        if (heldAsSuspect(rows, by)) {
            return new LrpPlan.Builder().delete(rows.suspect(), ActualLrpEvents.removed(rows.suspect(), traceId))
                    .result(rows.ordinary()).build();
        }
        ActualLrp ordinary = required(rows.ordinary(), key.processGuid(), key.index());
        ActualLrp after = ordinary.crash(by, reason, now, policy);
        LrpPlan.Builder plan = new LrpPlan.Builder()
                .update(ordinary, after, ActualLrpEvents.crashed(ordinary, after, traceId)).result(after);
        if (after.state() == ActualLrpState.UNCLAIMED) {
            plan.auction(after.key());
        }
        return plan.build();
    }

    /**
     * The auctioneer could not place the instance (Diego's FailActualLRP): an unknown index is no
     * error, a row that is no longer UNCLAIMED is refused.
     */
    public LrpPlan fail(IndexRows rows, String placementError) {
        ActualLrp ordinary = rows.ordinary();
        if (ordinary == null) {
            return LrpPlan.NOTHING;
        }
        ActualLrp after = ordinary.failPlacement(placementError, now);
        return new LrpPlan.Builder().update(ordinary, after, ActualLrpEvents.changed(ordinary, after, traceId))
                .result(after).build();
    }

    /** As {@link #fail}, but a row claimed meanwhile is left alone instead of refused (one stale auction result). */
    public LrpPlan failIfUnclaimed(IndexRows rows, String placementError) {
        ActualLrp ordinary = rows.ordinary();
        if (ordinary == null || ordinary.state() != ActualLrpState.UNCLAIMED) {
            return LrpPlan.nothing(ordinary);
        }
        return fail(rows, placementError);
    }

    /**
     * A container stopped on request and its cell removes the instance. Without an instance key any
     * ORDINARY row goes; with one only the row holding it (Diego's conditional delete). Beyond Diego, a
     * cell may also remove a SUSPECT row it holds, so a returning cell cleans up what it was told to stop.
     */
    public LrpPlan remove(IndexRows rows, String processGuid, int index, InstanceKey by) {
        if (by != null && heldAsSuspect(rows, by)) {
            return new LrpPlan.Builder().delete(rows.suspect(), ActualLrpEvents.removed(rows.suspect(), traceId))
                    .result(rows.ordinary()).build();
        }
        ActualLrp ordinary = required(rows.ordinary(), processGuid, index);
        ordinary.checkRemovableBy(by);
        return new LrpPlan.Builder().delete(ordinary, ActualLrpEvents.removed(ordinary, traceId)).build();
    }

    /** Diego's RetireActualLRP on the ORDINARY row of the index. */
    public LrpPlan retire(IndexRows rows, ActualLrpKey key, Set<String> liveCellIds) {
        return retire(required(rows.ordinary(), key.processGuid(), key.index()), liveCellIds);
    }

    /**
     * Stops an instance that should no longer run: a row nothing runs is deleted; a live cell's
     * instance is announced removed at once (so routes go before the container does, as in Diego) and
     * its cell is told to stop it, the cell then removing the row.
     */
    public LrpPlan retire(ActualLrp row, Set<String> liveCellIds) {
        return switch (row.retirement(liveCellIds)) {
            case DELETE -> new LrpPlan.Builder().delete(row, ActualLrpEvents.removed(row, traceId)).build();
            case STOP_ON_CELL -> new LrpPlan.Builder().announceRemoved(row, ActualLrpEvents.removed(row, traceId))
                    .stop(row).result(row).build();
        };
    }

    private static boolean heldAsSuspect(IndexRows rows, InstanceKey by) {
        ActualLrp held = rows.find(by);
        return held != null && held.presence() == Presence.SUSPECT;
    }

    static ActualLrp required(ActualLrp row, String processGuid, int index) {
        if (row == null) {
            throw DiegoException.notFound("actual LRP " + processGuid + "/" + index);
        }
        return row;
    }
}
