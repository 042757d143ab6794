package org.diego.core.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpGroup;
import org.diego.core.model.ActualLrpState;

/**
 * Which instance events a write to one ActualLRP row raises, following Diego's event calculator and
 * the "ActualLRP Events" table of diego-notes: a change that keeps the instance is a changed event; a
 * placed or crashed instance going back to UNCLAIMED is a new instance (created) replacing the old
 * (removed); a crash is announced first. Writes that change nothing raise nothing.
 *
 * <p>The deprecated group events ({@link #groups}) are computed from the same rows: per index, not
 * per row, since they describe the group the {@code actual_lrp_groups} routes show.
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

    // ---- deprecated group events (GET /v1/events.r1) -----------------------------------------------------

    /**
     * The group events of one request on one index, as Diego's calculator derives them: the rows before
     * and after are each resolved into the index's group ({@link ActualLrpGroup#ofIndex}), and each slot,
     * instance and evacuating, is compared on its own. A slot that gains a row announces it created, one
     * that loses its row announces it removed; a slot whose row turns into another placed instance (a
     * replacement now CLAIMED or RUNNING where a suspect or another instance was) announces the new one
     * created and the old one removed; any other difference is a change, going back to UNCLAIMED
     * included. Each group carries the slot's row alone, except when {@code crash} (a cell reported its
     * container crashed): then a changed event carries the whole groups before and after, as Diego's
     * crash path does. Crashes are not repeated here: {@link ActualLrpCrashed} reaches both streams.
     */
    public static List<BbsEvent> groups(Collection<ActualLrp> before, Collection<ActualLrp> after, boolean crash) {
        ActualLrpGroup was = ActualLrpGroup.ofIndex(before);
        ActualLrpGroup is = ActualLrpGroup.ofIndex(after);
        ActualLrpChanged wholeGroups = crash ? new ActualLrpChanged(was, is) : null;
        List<BbsEvent> events = new ArrayList<>();
        slot(was.instance(), is.instance(), wholeGroups, events);
        slot(was.evacuating(), is.evacuating(), wholeGroups, events);
        return ordered(events);
    }

    /** The events of one slot's difference; {@code crashChange}, when given, is the change to announce. */
    private static void slot(ActualLrp before, ActualLrp after, ActualLrpChanged crashChange, List<BbsEvent> out) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (after == null) {
            out.add(groupRemoved(before));
        } else if (before == null) {
            out.add(groupCreated(after));
        } else if (crashChange != null) {
            out.add(crashChange);
        } else if (replaced(before, after)) {
            out.add(groupCreated(after));
            out.add(groupRemoved(before));
        } else {
            out.add(new ActualLrpChanged(ActualLrpGroup.of(before), ActualLrpGroup.of(after)));
        }
    }

    /** Whether a placed instance in a slot took the place of another (e.g. a replacement of a suspect). */
    private static boolean replaced(ActualLrp before, ActualLrp after) {
        boolean placed = after.state() == ActualLrpState.CLAIMED || after.state() == ActualLrpState.RUNNING;
        return placed && !before.instanceKey().isEmpty() && !after.instanceKey().equals(before.instanceKey());
    }

    /** A row's group announced created on its own (a desire's or convergence's new row, as Diego's). */
    public static ActualLrpCreated groupCreated(ActualLrp row) {
        return new ActualLrpCreated(ActualLrpGroup.of(row));
    }

    /** A row's group announced removed on its own (convergence's deletes, as Diego's). */
    public static ActualLrpRemoved groupRemoved(ActualLrp row) {
        return new ActualLrpRemoved(ActualLrpGroup.of(row));
    }

    /** A row's change announced on its own (convergence restarting a crashed instance, as Diego's). */
    public static List<BbsEvent> groupChanged(ActualLrp before, ActualLrp after) {
        return before.equals(after) ? List.of()
                : List.of(new ActualLrpChanged(ActualLrpGroup.of(before), ActualLrpGroup.of(after)));
    }

    /**
     * Diego's emission order for the events of one request: crashes first, then events leaving an
     * instance RUNNING, then the rest, so routes to a running replacement appear before old ones go.
     * The sort is stable: events of equal rank keep their order. Group events rank by the row their
     * (new) group resolves to, as Diego's do.
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
        ActualLrp result = null;
        if (e instanceof ActualLrpInstanceCreated c) {
            result = c.actualLrp();
        } else if (e instanceof ActualLrpCreated c) {
            result = c.actualLrpGroup().resolve();
        } else if (e instanceof ActualLrpChanged ch) {
            result = ch.after().resolve();
        }
        boolean running = result != null && result.state() == ActualLrpState.RUNNING
                || e instanceof ActualLrpInstanceChanged ch && ch.after().state() == ActualLrpState.RUNNING;
        return running ? 1 : 0;
    }
}
