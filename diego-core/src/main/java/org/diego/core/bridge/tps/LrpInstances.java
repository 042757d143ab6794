package org.diego.core.bridge.tps;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.diego.core.bridge.cc.LrpInstance;
import org.diego.core.bridge.cc.LrpInstanceState;
import org.diego.core.bridge.cc.LrpInstanceStats;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.NetInfo;
import org.diego.core.model.PortMapping;
import org.diego.core.model.Presence;

/**
 * ActualLRPs → CC's instances: one per index (the row a client should see, as Diego's
 * ActualLRPGroup.Resolve picks it), state per {@link #state}, {@code since} in seconds and
 * {@code uptime} = now − since in seconds.
 */
public final class LrpInstances {
    /** The container port whose host port TPS reports as the instance's port. */
    public static final int DEFAULT_CONTAINER_PORT = 8080;

    private LrpInstances() {
    }

    /** Diego's cc_conv.StateFor: an unclaimed instance with a placement error is DOWN. */
    public static LrpInstanceState state(ActualLrpState state, String placementError) {
        if (state == null) {
            return LrpInstanceState.UNKNOWN;
        }
        return switch (state) {
            case UNCLAIMED -> placementError == null || placementError.isEmpty()
                    ? LrpInstanceState.STARTING : LrpInstanceState.DOWN;
            case CLAIMED -> LrpInstanceState.STARTING;
            case RUNNING -> LrpInstanceState.RUNNING;
            case CRASHED -> LrpInstanceState.CRASHED;
        };
    }

    /** The status view ({@code /v1/actual_lrps/:guid}): details = placement error, no host/port/stats. */
    public static List<LrpInstance> status(List<ActualLrp> actuals, long nowNanos) {
        List<LrpInstance> out = new ArrayList<>();
        for (ActualLrp a : resolve(actuals)) {
            out.add(of(a, nowNanos));
        }
        return out;
    }

    /**
     * The stats view ({@code /stats}): adds host, the host port of container port 8080 and the stats of
     * the index (absent → none); a crashed instance has uptime 0 and zeroed stats, as in Diego.
     */
    public static List<LrpInstance> stats(List<ActualLrp> actuals, Map<Integer, LrpInstanceStats> byIndex,
                                          long nowNanos) {
        List<LrpInstance> out = new ArrayList<>();
        for (ActualLrp a : resolve(actuals)) {
            LrpInstance i = of(a, nowNanos);
            LrpInstanceStats stats = byIndex.get(a.index());
            boolean crashed = i.state() == LrpInstanceState.CRASHED;
            if (crashed && stats != null) {
                stats = stats.zeroed();
            }
            LrpInstance withStats = i.withStats(a.address(), defaultPort(a.ports()), stats);
            out.add(crashed ? new LrpInstance(withStats.processGuid(), withStats.instanceGuid(), withStats.index(),
                    withStats.state(), withStats.details(), withStats.host(), withStats.port(), withStats.netInfo(),
                    0, withStats.since(), withStats.stats()) : withStats);
        }
        return out;
    }

    static LrpInstance of(ActualLrp a, long nowNanos) {
        NetInfo net = new NetInfo(a.address(), a.ports(), a.instanceAddress(), a.preferredAddress(),
                a.instanceIpv6Address());
        return new LrpInstance(a.processGuid(), a.instanceGuid(), a.index(), state(a.state(), a.placementError()),
                a.placementError(), null, 0, net, (nowNanos - a.since()) / 1_000_000_000L, a.since() / 1_000_000_000L,
                null);
    }

    static int defaultPort(List<PortMapping> ports) {
        for (PortMapping p : ports) {
            if (p.containerPort() == DEFAULT_CONTAINER_PORT) {
                return p.hostPort();
            }
        }
        return 0;
    }

    /**
     * One row per index, by index: the ORDINARY row when it is RUNNING or CRASHED or nothing else exists,
     * else a RUNNING EVACUATING or SUSPECT one (the instance still serving), else the ORDINARY row.
     */
    public static List<ActualLrp> resolve(List<ActualLrp> actuals) {
        Map<Integer, List<ActualLrp>> byIndex = new TreeMap<>();
        for (ActualLrp a : actuals) {
            byIndex.computeIfAbsent(a.index(), k -> new ArrayList<>()).add(a);
        }
        List<ActualLrp> out = new ArrayList<>();
        for (List<ActualLrp> rows : byIndex.values()) {
            out.add(pick(rows));
        }
        return out;
    }

    private static ActualLrp pick(List<ActualLrp> rows) {
        ActualLrp ordinary = rows.stream().filter(r -> r.presence() == Presence.ORDINARY).findFirst().orElse(null);
        if (ordinary != null && (ordinary.state() == ActualLrpState.RUNNING || ordinary.state() == ActualLrpState.CRASHED)) {
            return ordinary;
        }
        ActualLrp other = rows.stream().filter(r -> r.presence() != Presence.ORDINARY)
                .filter(r -> r.state() == ActualLrpState.RUNNING)
                .min(Comparator.comparing(r -> r.presence() == Presence.EVACUATING ? 0 : 1)).orElse(null);
        if (other != null) {
            return other;
        }
        return ordinary != null ? ordinary : rows.get(0);
    }
}
