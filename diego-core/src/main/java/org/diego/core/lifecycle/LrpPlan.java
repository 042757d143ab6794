package org.diego.core.lifecycle;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.diego.core.events.ActualLrpCrashed;
import org.diego.core.events.ActualLrpEvents;
import org.diego.core.events.BbsEvent;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.IndexRows;
import org.diego.core.model.Presence;

/**
 * What one request does to one index: the writes, the events to publish once they commit, and the
 * follow-ups. {@code auction} is the key to auction (or null); {@code stop} the row whose container its
 * cell must stop (or null); {@code result} the ORDINARY row as the request leaves it, when there is one.
 * {@code changes} are the row changes subscribers hear of (every write, and a retired row announced
 * removed before its cell deletes it), from which {@link #groupEvents} derives the deprecated group
 * events; {@code crash} says the request was a cell's crash report.
 */
public record LrpPlan(List<RowWrite> writes, List<BbsEvent> events, List<Change> changes, boolean crash,
                      ActualLrpKey auction, ActualLrp stop, ActualLrp result) {
    public static final LrpPlan NOTHING = nothing(null);

    public LrpPlan {
        writes = List.copyOf(writes);
        events = ActualLrpEvents.ordered(events);
        changes = List.copyOf(changes);
    }

    public static LrpPlan nothing(ActualLrp result) {
        return new LrpPlan(List.of(), List.of(), List.of(), false, null, null, result);
    }

    public boolean changesNothing() {
        return writes.isEmpty();
    }

    /**
     * The deprecated group events of this plan, given the rows of the index it was planned from: the
     * groups of those rows and of the rows as the announced changes leave them, compared slot by slot
     * ({@link ActualLrpEvents#groups}).
     */
    public List<BbsEvent> groupEvents(IndexRows before) {
        if (changes.isEmpty()) {
            return List.of();
        }
        Map<Presence, ActualLrp> after = new EnumMap<>(Presence.class);
        before.all().forEach(row -> after.put(row.presence(), row));
        for (Change c : changes) {
            if (c.before() != null) {
                after.remove(c.before().presence());
            }
            if (c.after() != null) {
                after.put(c.after().presence(), c.after());
            }
        }
        return ActualLrpEvents.groups(before.all(), after.values(), crash);
    }

    /** A row as subscribers are told it changed: {@code before} null for a new row, {@code after} null for a gone one. */
    public record Change(ActualLrp before, ActualLrp after) {
    }

    /** Collects writes and events in order. */
    public static final class Builder {
        private final List<RowWrite> writes = new ArrayList<>();
        private final List<BbsEvent> events = new ArrayList<>();
        private final List<Change> changes = new ArrayList<>();
        private boolean crash;
        private ActualLrpKey auction;
        private ActualLrp stop;
        private ActualLrp result;

        public Builder insert(ActualLrp row, List<BbsEvent> raised) {
            writes.add(new RowWrite.Insert(row));
            changes.add(new Change(null, row));
            events.addAll(raised);
            return this;
        }

        /**
         * Rewrites {@code before} unless the transition returned it unchanged. A change that raises a
         * crashed event marks the plan as a crash report.
         */
        public Builder update(ActualLrp before, ActualLrp after, List<BbsEvent> raised) {
            if (!before.equals(after)) {
                writes.add(new RowWrite.Update(before, after));
                changes.add(new Change(before, after));
                events.addAll(raised);
                crash |= raised.stream().anyMatch(ActualLrpCrashed.class::isInstance);
            }
            return this;
        }

        public Builder delete(ActualLrp row, List<BbsEvent> raised) {
            writes.add(new RowWrite.Delete(row));
            changes.add(new Change(row, null));
            events.addAll(raised);
            return this;
        }

        /** Announces {@code row} removed without deleting it: its cell stops the container, then removes the row. */
        public Builder announceRemoved(ActualLrp row, List<BbsEvent> raised) {
            changes.add(new Change(row, null));
            events.addAll(raised);
            return this;
        }

        public Builder auction(ActualLrpKey key) {
            auction = key;
            return this;
        }

        public Builder stop(ActualLrp row) {
            stop = row;
            return this;
        }

        public Builder result(ActualLrp row) {
            result = row;
            return this;
        }

        public LrpPlan build() {
            return new LrpPlan(writes, events, changes, crash, auction, stop, result);
        }
    }
}
