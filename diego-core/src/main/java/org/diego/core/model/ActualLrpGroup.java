package org.diego.core.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diego.core.wire.WireMessage;

/**
 * Diego's deprecated view of one index: the instance that serves it and, while its cell drains, the
 * evacuating one. Built from the rows for the deprecated {@code actual_lrp_groups} routes.
 */
@WireMessage("ActualLRPGroup")
public record ActualLrpGroup(ActualLrp instance, ActualLrp evacuating) {

    /**
     * The one row a group-era client should see: the instance when it is RUNNING or CRASHED (or alone),
     * else the evacuating one, which still serves while the replacement is being placed.
     */
    public ActualLrp resolve() {
        if (instance == null && evacuating == null) {
            throw new DiegoException(ErrorType.InvalidRecord, "actual LRP group has neither an instance nor an evacuating LRP");
        }
        if (evacuating == null) {
            return instance;
        }
        if (instance == null) {
            return evacuating;
        }
        return instance.state() == ActualLrpState.RUNNING || instance.state() == ActualLrpState.CRASHED
                ? instance : evacuating;
    }

    /** The group of one row alone, in the slot its presence names (Diego's ToActualLRPGroup). */
    public static ActualLrpGroup of(ActualLrp row) {
        return row.presence() == Presence.EVACUATING ? new ActualLrpGroup(null, row) : new ActualLrpGroup(row, null);
    }

    /**
     * The group the rows of one index resolve to, as {@link #resolveAll} builds it; both slots empty
     * when there is no row (such a group is never sent, only compared).
     */
    public static ActualLrpGroup ofIndex(Collection<ActualLrp> rows) {
        List<ActualLrpGroup> groups = resolveAll(List.copyOf(rows));
        if (groups.size() > 1) {
            throw new IllegalArgumentException("rows of more than one index: " + rows);
        }
        return groups.isEmpty() ? new ActualLrpGroup(null, null) : groups.get(0);
    }

    /**
     * One group per (process guid, index, domain), in first-seen order. The evacuating row fills its
     * slot; of an ORDINARY and a SUSPECT row the instance slot takes the one that serves better (a
     * running SUSPECT beats a not-yet-running replacement). Lossy, as in Diego.
     */
    public static List<ActualLrpGroup> resolveAll(List<ActualLrp> rows) {
        Map<ActualLrpKey, ActualLrp[]> slots = new LinkedHashMap<>();
        for (ActualLrp row : rows) {
            ActualLrp[] slot = slots.computeIfAbsent(row.key(), k -> new ActualLrp[2]);
            if (row.presence() == Presence.EVACUATING) {
                slot[1] = row;
            } else if (outranks(row, slot[0])) {
                slot[0] = row;
            }
        }
        List<ActualLrpGroup> groups = new ArrayList<>();
        slots.values().forEach(s -> groups.add(new ActualLrpGroup(s[0], s[1])));
        return groups;
    }

    /** Whether {@code candidate} takes the instance slot from {@code current} (Diego's hasHigherPriority). */
    static boolean outranks(ActualLrp candidate, ActualLrp current) {
        if (current == null) {
            return true;
        }
        ActualLrpState theirs = current.state();
        if (candidate.presence() == Presence.ORDINARY) {
            return switch (candidate.state()) {
                case RUNNING -> true;
                case CLAIMED -> theirs != ActualLrpState.RUNNING && theirs != ActualLrpState.CLAIMED;
                default -> false;
            };
        }
        if (candidate.presence() == Presence.SUSPECT && candidate.placed()) {
            return theirs != ActualLrpState.RUNNING;
        }
        return false;
    }
}
