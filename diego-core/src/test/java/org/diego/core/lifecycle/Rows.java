package org.diego.core.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.diego.core.events.ActualLrpChanged;
import org.diego.core.events.ActualLrpCrashed;
import org.diego.core.events.ActualLrpCreated;
import org.diego.core.events.ActualLrpInstanceChanged;
import org.diego.core.events.ActualLrpInstanceCreated;
import org.diego.core.events.ActualLrpInstanceRemoved;
import org.diego.core.events.ActualLrpRemoved;
import org.diego.core.events.BbsEvent;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpGroup;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.ModificationTag;
import org.diego.core.model.NetInfo;
import org.diego.core.model.PortMapping;
import org.diego.core.model.Presence;
import org.diego.core.model.RunningInfo;
import org.diego.core.time.GuidGenerator;

/**
 * Rows of one index for planner tests, and compact descriptions of writes and events so tables can
 * state them, e.g. {@code "update RUNNING/ORDINARY a -> UNCLAIMED/ORDINARY"}.
 */
public final class Rows {
    public static final ActualLrpKey KEY = new ActualLrpKey("web", 0, "cf-apps");
    /** α reports; β and ω are other cells (names as in diego-notes' evacuation table). */
    public static final InstanceKey A = new InstanceKey("a", "cell-a");
    public static final InstanceKey B = new InstanceKey("b", "cell-b");
    public static final InstanceKey W = new InstanceKey("w", "cell-w");
    public static final long T0 = 1_000_000_000_000L;
    public static final long NOW = T0 + 60_000_000_000L;
    public static final GuidGenerator GUIDS = () -> "new-epoch";

    private Rows() {
    }

    public static NetInfo net(InstanceKey k) {
        return new NetInfo("host-of-" + k.cellId(), List.of(new PortMapping(8080, 61000)), "container-" + k.instanceGuid());
    }

    public static RunningInfo info(InstanceKey k) {
        return new RunningInfo(net(k), List.of(), Map.of(), true, "z1");
    }

    public static ActualLrp unclaimed() {
        return row(ActualLrpState.UNCLAIMED, InstanceKey.EMPTY, Presence.ORDINARY, 0, "");
    }

    public static ActualLrp unclaimedWithError() {
        return row(ActualLrpState.UNCLAIMED, InstanceKey.EMPTY, Presence.ORDINARY, 0, "insufficient resources");
    }

    public static ActualLrp claimed(InstanceKey by) {
        return row(ActualLrpState.CLAIMED, by, Presence.ORDINARY, 0, "");
    }

    public static ActualLrp running(InstanceKey by) {
        return row(ActualLrpState.RUNNING, by, Presence.ORDINARY, 0, "");
    }

    public static ActualLrp running(InstanceKey by, int crashCount) {
        return row(ActualLrpState.RUNNING, by, Presence.ORDINARY, crashCount, "");
    }

    public static ActualLrp crashed() {
        return row(ActualLrpState.CRASHED, InstanceKey.EMPTY, Presence.ORDINARY, 3, "");
    }

    public static ActualLrp evacuating(InstanceKey by) {
        return row(ActualLrpState.RUNNING, by, Presence.EVACUATING, 0, "");
    }

    public static ActualLrp suspect(ActualLrpState state, InstanceKey by) {
        return row(state, by, Presence.SUSPECT, 0, "");
    }

    static ActualLrp row(ActualLrpState state, InstanceKey by, Presence presence, int crashCount, String placementError) {
        RunningInfo info = state == ActualLrpState.RUNNING ? info(by) : RunningInfo.of(NetInfo.EMPTY);
        NetInfo n = info.netInfo();
        return new ActualLrp(KEY.processGuid(), KEY.index(), KEY.domain(), by.instanceGuid(), by.cellId(), n.address(),
                n.ports(), n.instanceAddress(), n.preferredAddress(), n.instanceIpv6Address(), crashCount,
                crashCount > 0 ? "exit 1" : "", state, placementError, T0,
                new ModificationTag("ep-" + presence.ordinal(), 4), presence, info.internalRoutes(), info.metricTags(),
                state == ActualLrpState.RUNNING, info.availabilityZone());
    }

    public static String describe(ActualLrp lrp) {
        return lrp.state() + "/" + lrp.presence() + (lrp.instanceGuid().isEmpty() ? "" : " " + lrp.instanceGuid());
    }

    /** A group's rows, e.g. {@code RUNNING/ORDINARY a + RUNNING/EVACUATING b}. */
    public static String describe(ActualLrpGroup group) {
        List<String> slots = new ArrayList<>();
        for (ActualLrp lrp : new ActualLrp[] {group.instance(), group.evacuating()}) {
            if (lrp != null) {
                slots.add(describe(lrp));
            }
        }
        return String.join(" + ", slots);
    }

    public static List<String> writes(LrpPlan plan) {
        List<String> out = new ArrayList<>();
        for (RowWrite w : plan.writes()) {
            if (w instanceof RowWrite.Insert i) {
                out.add("insert " + describe(i.row()));
            } else if (w instanceof RowWrite.Update u) {
                out.add("update " + describe(u.before()) + " -> " + describe(u.after()));
            } else if (w instanceof RowWrite.Delete d) {
                out.add("delete " + describe(d.row()));
            }
        }
        return out;
    }

    public static List<String> events(List<BbsEvent> events) {
        List<String> out = new ArrayList<>();
        for (BbsEvent e : events) {
            if (e instanceof ActualLrpInstanceCreated c) {
                out.add("created " + describe(c.actualLrp()));
            } else if (e instanceof ActualLrpInstanceRemoved r) {
                out.add("removed " + describe(r.actualLrp()));
            } else if (e instanceof ActualLrpInstanceChanged c) {
                out.add("changed " + c.before().state() + "/" + c.before().presence() + " -> " + c.after().state() + "/"
                        + c.after().presence() + " " + c.instanceGuid());
            } else if (e instanceof ActualLrpCreated c) {
                out.add("group created " + describe(c.actualLrpGroup()));
            } else if (e instanceof ActualLrpChanged c) {
                out.add("group changed " + describe(c.before()) + " -> " + describe(c.after()));
            } else if (e instanceof ActualLrpRemoved r) {
                out.add("group removed " + describe(r.actualLrpGroup()));
            } else if (e instanceof ActualLrpCrashed c) {
                out.add("crashed " + c.instanceGuid() + " #" + c.crashCount());
            } else {
                out.add(e.type());
            }
        }
        return out;
    }
}
