package org.diego.core.convergence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.diego.core.convergence.LrpConvergencePlan.InstanceUpdate;
import org.diego.core.convergence.LrpConvergencePlan.Promotion;
import org.diego.core.convergence.LrpConvergencePlan.SuspectTransition;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpInternalRoute;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.DesiredLrpSchedulingInfo;
import org.diego.core.model.Domain;
import org.diego.core.model.Presence;
import org.diego.core.model.RestartPolicy;

/**
 * Diego's LRP convergence (bbs {@code db/sqldb/lrp_convergence.go} and
 * {@code controllers/lrp_convergence_controller.go}) as a pure function.
 *
 * <p>{@link #plan(LrpConvergenceInput)} is the full pass: domains, evacuating and suspect presences,
 * freshness-gated retirement, crash back-off and metrics; see {@link LrpConvergencePlan} for what each
 * output means.
 */
public final class LrpConvergence {
    private final RestartPolicy restartPolicy;
    private final Duration staleUnclaimedAfter;

    public LrpConvergence(RestartPolicy restartPolicy, Duration staleUnclaimedAfter) {
        this.restartPolicy = Objects.requireNonNull(restartPolicy, "restartPolicy");
        this.staleUnclaimedAfter = Objects.requireNonNull(staleUnclaimedAfter, "staleUnclaimedAfter");
    }

    /** (process guid, index): the slot the up-to-three presence rows of one instance share. */
    private record Slot(String processGuid, int index) {
        static Slot of(ActualLrp a) {
            return new Slot(a.processGuid(), a.index());
        }
    }

    /**
     * Steps 5 and 6: an ORDINARY row is retired when it has no DesiredLRP (orphan) or sits at an index
     * &ge; instances (extra), and only when its own domain and its DesiredLRP's domain are fresh.
     */
    private static boolean retires(ActualLrp ordinary, DesiredLrpSchedulingInfo d, Set<String> fresh) {
        if (!fresh.contains(ordinary.domain())) {
            return false;
        }
        return d == null || (ordinary.index() >= d.instances() && fresh.contains(d.domain()));
    }

    /**
     * One convergence pass over a snapshot. All decisions are taken against the same snapshot, as Diego's
     * queries are; where two of Diego's concurrently applied actions would collide on one instance the
     * pass picks one so that the actions can be applied in any order:
     * <ul>
     * <li>a SUSPECT whose ORDINARY replacement is RUNNING on a live cell is removed (step 8), never promoted,
     *     so a running replacement is never deleted (Diego's design table; its SQL needs both rows RUNNING,
     *     whatever their cells, and can race a promotion when the suspect is only CLAIMED). A replacement
     *     RUNNING on a cell that vanished too does not supersede its suspect: if the suspect's cell is back
     *     the suspect is promoted, else the replacement is unclaimed (step 4's special case) and the suspect
     *     kept;</li>
     * <li>a suspect is never removed as superseded by a replacement that this same pass retires;</li>
     * <li>a promoted suspect (step 9) takes its index: its ORDINARY replacement gets no other action and the
     *     index is not reported missing;</li>
     * <li>rows at an index &ge; instances in a fresh domain are only retired, not also re-auctioned, turned
     *     suspect or restarted (in a non-fresh domain they are kept and repaired, as Diego does);</li>
     * <li>a row is retired or removed for a missing DesiredLRP or a too-high index only when its own domain
     *     and its DesiredLRP's domain are both fresh.</li>
     * </ul>
     */
    public LrpConvergencePlan plan(LrpConvergenceInput in) {
        long now = in.nowNanos();
        Set<String> live = in.liveCells();

        // Step 1: prune expired domains; the rest are fresh for this pass.
        List<Domain> prune = new ArrayList<>();
        Set<String> fresh = new HashSet<>();
        for (Domain d : in.domains()) {
            if (d.isFreshAt(now)) {
                fresh.add(d.name());
            } else {
                prune.add(d);
            }
        }

        Map<String, DesiredLrpSchedulingInfo> desired = new LinkedHashMap<>();
        in.desired().forEach(d -> desired.putIfAbsent(d.processGuid(), d));

        // One row per (guid, index, presence), as the database key guarantees; a duplicate is ignored.
        Map<Slot, ActualLrp> ordinary = new LinkedHashMap<>();
        Map<Slot, ActualLrp> suspects = new LinkedHashMap<>();
        List<ActualLrp> evacuating = new ArrayList<>();
        Set<Slot> evacuatingSlots = new HashSet<>();
        for (ActualLrp a : in.actuals()) {
            switch (a.presence()) {
                case ORDINARY -> ordinary.putIfAbsent(Slot.of(a), a);
                case SUSPECT -> suspects.putIfAbsent(Slot.of(a), a);
                case EVACUATING -> {
                    if (evacuatingSlots.add(Slot.of(a))) {
                        evacuating.add(a);
                    }
                }
            }
        }

        // Step 2: evacuating rows whose cell is gone.
        List<ActualLrp> evacuatingToRemove = evacuating.stream().filter(a -> !live.contains(a.cellId())).toList();

        // Steps 7-9 first, because a promotion decides what happens to its slot's ORDINARY row.
        List<ActualLrp> orphanedSuspects = new ArrayList<>();
        List<ActualLrp> extraSuspects = new ArrayList<>();
        List<Promotion> promotions = new ArrayList<>();
        Set<Slot> promoted = new HashSet<>();
        int suspectRunning = 0;
        int suspectClaimed = 0;
        for (Map.Entry<Slot, ActualLrp> e : suspects.entrySet()) {
            ActualLrp s = e.getValue();
            suspectRunning += s.state() == ActualLrpState.RUNNING ? 1 : 0;
            suspectClaimed += s.state() == ActualLrpState.CLAIMED ? 1 : 0;
            DesiredLrpSchedulingInfo d = desired.get(s.processGuid());
            ActualLrp o = ordinary.get(e.getKey());
            if (d == null && fresh.contains(s.domain())) {
                orphanedSuspects.add(s);
            } else if (o != null && o.state() == ActualLrpState.RUNNING && live.contains(o.cellId())) {
                if (!retires(o, desired.get(o.processGuid()), fresh)) {
                    extraSuspects.add(s);
                } // else the replacement is retired in this pass: the suspect waits for the next one
            } else if (!s.cellId().isEmpty() && live.contains(s.cellId())) {
                promotions.add(new Promotion(s, o, s.promote()));
                promoted.add(e.getKey());
            }
        }

        // Steps 3, 4, 5 (extra), 6 and 11 walk the ORDINARY rows.
        List<ActualLrp> stale = new ArrayList<>();
        List<SuspectTransition> toSuspect = new ArrayList<>();
        List<ActualLrp> unclaim = new ArrayList<>();
        List<ActualLrp> retireExtra = new ArrayList<>();
        List<ActualLrp> retireOrphaned = new ArrayList<>();
        List<ActualLrp> restart = new ArrayList<>();
        List<InstanceUpdate> updates = new ArrayList<>();
        Map<String, List<ActualLrpInternalRoute>> routesByGuid = new HashMap<>();
        List<ActualLrpKey> startStale = new ArrayList<>();
        List<ActualLrpKey> startSuspect = new ArrayList<>();
        List<ActualLrpKey> startCrashed = new ArrayList<>();
        int unclaimed = 0;
        int claimed = 0;
        int running = 0;
        int crashed = 0;
        Set<String> crashing = new HashSet<>();
        for (Map.Entry<Slot, ActualLrp> e : ordinary.entrySet()) {
            ActualLrp a = e.getValue();
            switch (a.state()) {
                case UNCLAIMED -> unclaimed++;
                case CLAIMED -> claimed++;
                case RUNNING -> running++;
                case CRASHED -> {
                    crashed++;
                    crashing.add(a.processGuid());
                }
            }
            if (promoted.contains(e.getKey())) {
                continue; // the promotion deletes this row
            }
            DesiredLrpSchedulingInfo d = desired.get(a.processGuid());
            if (d == null) {
                if (retires(a, null, fresh)) {
                    retireOrphaned.add(a);
                }
                continue; // Diego's repair queries join desired_lrps: orphans are never re-auctioned
            }
            if (retires(a, d, fresh)) {
                retireExtra.add(a);
                continue;
            }
            ActualLrpKey key = new ActualLrpKey(a.processGuid(), a.index(), d.domain());
            switch (a.state()) {
                case UNCLAIMED -> {
                    if (now - a.since() > staleUnclaimedAfter.toNanos()) { // Diego: since < now - 30 s
                        stale.add(a);
                        startStale.add(key);
                    }
                }
                case CLAIMED, RUNNING -> {
                    if (!live.contains(a.cellId())) {
                        if (suspects.containsKey(e.getKey())) {
                            unclaim.add(a); // the replacement landed on a cell that vanished too
                        } else {
                            toSuspect.add(new SuspectTransition(a, a.toSuspect()));
                            startSuspect.add(key);
                        }
                    } else if (a.state() == ActualLrpState.RUNNING) {
                        // Step 12: internal-route / metric-tag drift of a running instance.
                        List<ActualLrpInternalRoute> routes = routesByGuid.computeIfAbsent(d.processGuid(),
                                g -> InstanceDrift.internalRoutes(d.routes()));
                        Map<String, String> tags = InstanceDrift.metricTags(
                                in.desiredMetricTags().getOrDefault(d.processGuid(), Map.of()), a.index(),
                                a.instanceGuid());
                        if (!routes.equals(a.actualLrpInternalRoutes()) || !tags.equals(a.metricTags())) {
                            updates.add(new InstanceUpdate(a, routes, tags));
                        }
                    }
                }
                case CRASHED -> {
                    if (restartPolicy.shouldRestart(now, a.since(), a.crashCount())) {
                        restart.add(a);
                        startCrashed.add(key);
                    }
                }
            }
        }

        // Step 5: missing indices.
        List<ActualLrpKey> missing = new ArrayList<>();
        int desiredInstances = 0;
        for (DesiredLrpSchedulingInfo d : desired.values()) {
            desiredInstances += Math.max(0, d.instances());
            for (int i = 0; i < d.instances(); i++) {
                Slot slot = new Slot(d.processGuid(), i);
                if (!ordinary.containsKey(slot) && !promoted.contains(slot)) {
                    missing.add(new ActualLrpKey(d.processGuid(), i, d.domain()));
                }
            }
        }

        Set<ActualLrpKey> starts = new LinkedHashSet<>();
        starts.addAll(startStale);
        starts.addAll(startSuspect);
        starts.addAll(missing);
        starts.addAll(startCrashed);

        // SuspectCells: missing cells still holding CLAIMED/RUNNING rows of a desired LRP (evacuating ones are pruned).
        Set<String> missingCells = new TreeSet<>();
        for (ActualLrp a : in.actuals()) {
            boolean placed = a.state() == ActualLrpState.CLAIMED || a.state() == ActualLrpState.RUNNING;
            if (placed && a.presence() != Presence.EVACUATING && desired.containsKey(a.processGuid())
                    && !live.contains(a.cellId())) {
                missingCells.add(a.cellId());
            }
        }

        ConvergenceMetrics metrics = new ConvergenceMetrics(unclaimed, claimed, running, crashed, missing.size(),
                retireExtra.size() + retireOrphaned.size(), suspectRunning, suspectClaimed, desiredInstances,
                crashing.size(), live.size(), missingCells.size(), List.copyOf(new TreeSet<>(fresh)));
        return new LrpConvergencePlan(prune, evacuatingToRemove, stale, toSuspect, unclaim, missing, retireExtra,
                retireOrphaned, orphanedSuspects, extraSuspects, promotions, restart, updates, List.copyOf(starts),
                metrics);
    }
}
