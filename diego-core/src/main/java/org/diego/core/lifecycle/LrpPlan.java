package org.diego.core.lifecycle;

import java.util.ArrayList;
import java.util.List;
import org.diego.core.events.ActualLrpEvents;
import org.diego.core.events.BbsEvent;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;

/**
 * What one request does to one index: the writes, the events to publish once they commit, and the
 * follow-ups. {@code auction} is the key to auction (or null); {@code stop} the row whose container its
 * cell must stop (or null); {@code result} the ORDINARY row as the request leaves it, when there is one.
 */
public record LrpPlan(List<RowWrite> writes, List<BbsEvent> events, ActualLrpKey auction, ActualLrp stop,
                      ActualLrp result) {
    public static final LrpPlan NOTHING = new LrpPlan(List.of(), List.of(), null, null, null);

    public LrpPlan {
        writes = List.copyOf(writes);
        events = ActualLrpEvents.ordered(events);
    }

    public static LrpPlan nothing(ActualLrp result) {
        return new LrpPlan(List.of(), List.of(), null, null, result);
    }

    public boolean changesNothing() {
        return writes.isEmpty();
    }

    /** Collects writes and events in order. */
    public static final class Builder {
        private final List<RowWrite> writes = new ArrayList<>();
        private final List<BbsEvent> events = new ArrayList<>();
        private ActualLrpKey auction;
        private ActualLrp stop;
        private ActualLrp result;

        public Builder insert(ActualLrp row, List<BbsEvent> raised) {
            writes.add(new RowWrite.Insert(row));
            events.addAll(raised);
            return this;
        }

        /** Rewrites {@code before} unless the transition returned it unchanged. */
        public Builder update(ActualLrp before, ActualLrp after, List<BbsEvent> raised) {
            if (!before.equals(after)) {
                writes.add(new RowWrite.Update(before, after));
                events.addAll(raised);
            }
            return this;
        }

        public Builder delete(ActualLrp row, List<BbsEvent> raised) {
            writes.add(new RowWrite.Delete(row));
            events.addAll(raised);
            return this;
        }

        public Builder event(List<BbsEvent> raised) {
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
            return new LrpPlan(writes, events, auction, stop, result);
        }
    }
}
