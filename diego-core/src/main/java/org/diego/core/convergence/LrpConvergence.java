package org.diego.core.convergence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.DesiredLrp.SchedulingInfo;
import org.diego.core.model.Presence;
import org.diego.core.model.RestartPolicy;

/**
 * The skeleton's subset of Diego's LRP convergence (bbs lrp_convergence.go): stale UNCLAIMED rows
 * are re-auctioned, rows on vanished cells are unclaimed and re-placed, missing indices are created,
 * CRASHED rows past their back-off restart, and extra or orphaned rows are retired.
 * Domain freshness and SUSPECT presences are not modelled yet (see docs/01-architecture.md).
 */
public final class LrpConvergence {
    private final RestartPolicy restartPolicy;
    private final Duration staleUnclaimedAfter;

    public LrpConvergence(RestartPolicy restartPolicy, Duration staleUnclaimedAfter) {
        this.restartPolicy = restartPolicy;
        this.staleUnclaimedAfter = staleUnclaimedAfter;
    }

    public ConvergenceResult converge(ConvergenceInput in) {
        Map<String, SchedulingInfo> desired = new HashMap<>();
        in.desired().forEach(d -> desired.put(d.processGuid(), d));
        Map<String, Set<Integer>> presentIndices = new HashMap<>();

        List<ActualLrp> unclaim = new ArrayList<>();
        List<ActualLrp> restart = new ArrayList<>();
        List<ActualLrp> stale = new ArrayList<>();
        List<ActualLrp> retire = new ArrayList<>();
        for (ActualLrp a : in.actuals()) {
            if (a.presence() != Presence.ORDINARY) {
                continue;
            }
            SchedulingInfo d = desired.get(a.processGuid());
            if (d == null || a.index() >= d.instances()) {
                retire.add(a);
                continue;
            }
            presentIndices.computeIfAbsent(a.processGuid(), k -> new HashSet<>()).add(a.index());
            switch (a.state()) {
                case UNCLAIMED -> {
                    if (in.nowNanos() - a.since() > staleUnclaimedAfter.toNanos()) { // Diego: since < now - 30 s
                        stale.add(a);
                    }
                }
                case CLAIMED, RUNNING -> {
                    if (!in.liveCells().contains(a.cellId())) {
                        unclaim.add(a);
                    }
                }
                case CRASHED -> {
                    if (restartPolicy.shouldRestart(in.nowNanos(), a.since(), a.crashCount())) {
                        restart.add(a);
                    }
                }
            }
        }

        List<ActualLrpKey> missing = new ArrayList<>();
        for (SchedulingInfo d : in.desired()) {
            Set<Integer> present = presentIndices.getOrDefault(d.processGuid(), Set.of());
            for (int i = 0; i < d.instances(); i++) {
                if (!present.contains(i)) {
                    missing.add(new ActualLrpKey(d.processGuid(), i, d.domain()));
                }
            }
        }
        return new ConvergenceResult(missing, unclaim, restart, stale, retire);
    }
}
