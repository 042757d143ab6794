package org.diego.core.events;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpState;

/**
 * Which instance events a write to one ActualLRP row raises, following Diego's event calculator and
 * the "ActualLRP Events" table of diego-notes: a change that keeps the instance is a changed event; a
 * placed or crashed instance going back to UNCLAIMED is a new instance (created) replacing the old
 * (removed); a crash is announced first. Writes that change nothing raise nothing.
 */
public final class ActualLrpEvents {
    private ActualLrpEvents() {
    }

    public static List<BbsEvent> created(ActualLrp lrp, String traceId) {
        return List.of(new ActualLrpInstanceCreated(lrp, traceId));
    }

    public static List<BbsEvent> removed(ActualLrp lrp, String traceId) {
        return List.of(new ActualLrpInstanceRemoved(lrp, traceId));
    }

    /** A row written from {@code before} to {@code after} (either may be null for an insert or a delete). */
    public static List<BbsEvent> changed(ActualLrp before, ActualLrp after, String traceId) {
        if (before == null && after == null || before != null && before.equals(after)) {
            return List.of();
        }
        if (after == null) {
            return removed(before, traceId);
        }
        if (before == null) {
            return created(after, traceId);
        }
        return switch (after.state()) {
            case UNCLAIMED -> before.state() == ActualLrpState.UNCLAIMED
                    // a placement error on a waiting instance
                    ? List.of(ActualLrpInstanceChanged.of(before, after, traceId))
                    : List.of(new ActualLrpInstanceCreated(after, traceId), new ActualLrpInstanceRemoved(before, traceId));
            case CLAIMED, RUNNING -> List.of(ActualLrpInstanceChanged.of(before, after, traceId));
            case CRASHED -> List.of(ActualLrpCrashed.of(before, after), ActualLrpInstanceChanged.of(before, after, traceId));
        };
    }

    /**
     * A cell reported a crash: the crashed event always comes first, then either the change to CRASHED
     * or, when the instance restarts at once, the new UNCLAIMED instance and the removal of the old one.
     */
    public static List<BbsEvent> crashed(ActualLrp before, ActualLrp after, String traceId) {
        if (after.state() == ActualLrpState.CRASHED) {
            return List.of(ActualLrpCrashed.of(before, after), ActualLrpInstanceChanged.of(before, after, traceId));
        }
        return List.of(ActualLrpCrashed.of(before, after), new ActualLrpInstanceCreated(after, traceId),
                new ActualLrpInstanceRemoved(before, traceId));
    }

    /**
     * Diego's emission order for the events of one request: crashes first, then events leaving an
     * instance RUNNING, then the rest, so routes to a running replacement appear before old ones go.
     * The sort is stable: events of equal rank keep their order.
     */
    public static List<BbsEvent> ordered(List<BbsEvent> events) {
        List<BbsEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingInt(ActualLrpEvents::rank).reversed());
        return sorted;
    }

    static int rank(BbsEvent e) {
        if (e instanceof ActualLrpCrashed) {
            return 2;
        }
        boolean running = e instanceof ActualLrpInstanceCreated c && c.actualLrp().state() == ActualLrpState.RUNNING
                || e instanceof ActualLrpInstanceChanged ch && ch.after().state() == ActualLrpState.RUNNING;
        return running ? 1 : 0;
    }
}
