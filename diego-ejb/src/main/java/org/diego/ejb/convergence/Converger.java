package org.diego.ejb.convergence;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import org.diego.core.convergence.ConvergenceMetrics;
import org.diego.core.convergence.LrpConvergence;
import org.diego.core.convergence.LrpConvergenceInput;
import org.diego.core.convergence.LrpConvergencePlan;
import org.diego.core.messages.AuctionRequest;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.RestartPolicy;
import org.diego.core.time.Nanos;
import org.diego.ejb.bbs.ActualLrps;
import org.diego.ejb.bbs.Cells;
import org.diego.ejb.bbs.DesiredLrps;
import org.diego.ejb.bbs.Domains;
import org.diego.ejb.cluster.Fence;
import org.diego.ejb.cluster.RoleTimer;
import org.diego.ejb.config.DiegoConfig;
import org.diego.ejb.messaging.AuctionRequests;

/** The convergence loop: one LRP and one task pass per interval, on the role holder only. */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Converger extends RoleTimer {
    private static final Logger LOG = Logger.getLogger(Converger.class.getName());
    public static final String ROLE = "converger";

    @Inject
    DiegoConfig config;
    @Inject
    Clock clock;
    @Inject
    RestartPolicy restartPolicy;
    @Inject
    DesiredLrps desired;
    @Inject
    ActualLrps actuals;
    @Inject
    Cells cells;
    @Inject
    Domains domains;
    @Inject
    ConvergenceGauges gauges;
    @Inject
    AuctionRequests auctions;
    @Inject
    TaskConvergencePass taskPass;

    @Override
    protected String role() {
        return ROLE;
    }

    @Override
    protected Duration interval() {
        return config.convergenceInterval();
    }

    /** Two intervals and the TTL, so a pass that runs long does not hand the role over mid-pass. */
    @Override
    protected Duration lease() {
        return config.convergenceInterval().multipliedBy(2).plus(config.lockTtl());
    }

    @Override
    protected void act(Fence fence) {
        // As Diego's converger: tasks converge beside LRPs and the tick waits for both.
        Future<?> tasks = taskPass.converge(fence);
        try {
            converge(fence);
        } finally {
            taskPass.await(tasks);
        }
    }

    void converge(Fence fence) {
        long started = System.nanoTime();
        LrpConvergenceInput input = new LrpConvergenceInput(desired.schedulingInfos(),
                actuals.list(null, null, null, null), cells.liveIds(), domains.all(), Nanos.now(clock),
                desired.metricTagsByProcess());
        long queried = System.nanoTime();
        LrpConvergencePlan plan = new LrpConvergence(restartPolicy, config.staleUnclaimed()).plan(input);
        long computed = System.nanoTime();

        // Every write is conditional on the row being as the pass read it; a skipped write is not auctioned.
        List<ActualLrpKey> toAuction = new ArrayList<>();
        if (!plan.domainsToPrune().isEmpty()) {
            domains.prune(plan.domainsToPrune(), fence);
        }
        for (ActualLrp row : concat(plan.evacuatingToRemove(), plan.removeOrphanedSuspects(), plan.removeExtraSuspects())) {
            actuals.deleteIfUnchanged(row, fence);
        }
        plan.staleUnclaimed().forEach(row -> toAuction.add(row.key()));
        for (LrpConvergencePlan.SuspectTransition t : plan.suspectOnMissingCell()) {
            if (actuals.suspect(t.lost(), t.suspect(), fence)) {
                toAuction.add(t.replacementKey());
            }
        }
        plan.unclaimOnMissingCell().forEach(row -> actuals.unclaimReplacementIfUnchanged(row, fence));
        for (ActualLrpKey key : plan.missing()) {
            if (actuals.createMissing(key, fence)) {
                toAuction.add(key);
            }
        }
        plan.retirements().forEach(row -> actuals.retire(row, fence));
        plan.promotions().forEach(p -> actuals.promote(p.suspect(), p.replacement(), p.promoted(), fence));
        for (ActualLrp row : plan.restartCrashed()) {
            if (actuals.unclaimIfUnchanged(row, fence)) {
                toAuction.add(row.key());
            }
        }
        auction(toAuction);
        // Step 12: drifted internal routes / metric tags; the cells report starts carrying the new values.
        actuals.updateInstances(plan.instanceUpdates(), fence);

        long done = System.nanoTime();
        ConvergenceMetrics m = plan.metrics();
        gauges.record(m, Duration.ofNanos(done - started));
        LOG.info(() -> String.format("convergence: %d ms (query %d, compute %d, apply %d); desired=%d unclaimed=%d"
                        + " claimed=%d running=%d crashed=%d missing=%d extra=%d suspectRunning=%d suspectClaimed=%d"
                        + " presentCells=%d auctioned=%d instanceUpdates=%d", (done - started) / 1_000_000, (queried - started) / 1_000_000,
                (computed - queried) / 1_000_000, (done - computed) / 1_000_000, m.desired(), m.unclaimed(), m.claimed(),
                m.running(), m.crashed(), m.missing(), m.extra(), m.suspectRunning(), m.suspectClaimed(),
                m.presentCells(), toAuction.size(), plan.instanceUpdates().size()));
    }

    /** All start requests of one pass go to the auctioneer together, one request per process. */
    private void auction(List<ActualLrpKey> keys) {
        Map<String, List<Integer>> byProcess = new LinkedHashMap<>();
        Map<String, String> domains = new LinkedHashMap<>();
        for (ActualLrpKey key : keys) {
            byProcess.computeIfAbsent(key.processGuid(), k -> new ArrayList<>()).add(key.index());
            domains.put(key.processGuid(), key.domain());
        }
        byProcess.forEach((guid, indices) ->
                auctions.send(new AuctionRequest(guid, domains.get(guid), indices)));
    }

    @SafeVarargs
    private static List<ActualLrp> concat(List<ActualLrp>... lists) {
        List<ActualLrp> all = new ArrayList<>();
        for (List<ActualLrp> l : lists) {
            all.addAll(l);
        }
        return all;
    }
}
