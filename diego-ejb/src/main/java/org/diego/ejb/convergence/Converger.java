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
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.convergence.ConvergenceMetrics;
import org.diego.core.convergence.LrpConvergence;
import org.diego.core.convergence.LrpConvergenceInput;
import org.diego.core.convergence.LrpConvergencePlan;
import org.diego.core.messages.AuctionRequest;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.model.RestartPolicy;
import org.diego.core.time.Nanos;
import org.diego.ejb.bbs.ActualLrps;
import org.diego.ejb.bbs.Cells;
import org.diego.ejb.bbs.DesiredLrps;
import org.diego.ejb.bbs.Domains;
import org.diego.ejb.bbs.LrpConvergenceWrites;
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
    /** Repairs per transaction: small enough for short row locks, large enough to amortise the commit. */
    private static final int CHUNK = 200;

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
    LrpConvergenceWrites writes;
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
        // The bulk repairs go a chunk per transaction, renewing the role between chunks.
        List<ActualLrpKey> toAuction = new ArrayList<>();
        if (!plan.domainsToPrune().isEmpty()) {
            domains.prune(plan.domainsToPrune(), fence);
        }
        boolean holding = inChunks(concat(plan.evacuatingToRemove(), plan.removeOrphanedSuspects(), plan.removeExtraSuspects()),
                fence, chunk -> {
                    writes.delete(chunk, fence);
                    return List.of();
                }, toAuction);
        plan.staleUnclaimed().forEach(row -> toAuction.add(row.key()));
        holding = holding && inChunks(plan.suspectOnMissingCell(), fence, chunk -> writes.suspect(chunk, fence), toAuction);
        if (holding) {
            plan.unclaimOnMissingCell().forEach(row -> actuals.unclaimReplacementIfUnchanged(row, fence));
        }
        holding = holding && inChunks(plan.missing(), fence, chunk -> writes.createMissing(chunk, fence), toAuction);
        if (holding) {
            plan.retirements().forEach(row -> actuals.retire(row, fence));
            plan.promotions().forEach(p -> actuals.promote(p.suspect(), p.replacement(), p.promoted(), fence));
            for (ActualLrp row : plan.restartCrashed()) {
                if (actuals.unclaimIfUnchanged(row, fence)) {
                    toAuction.add(row.key());
                }
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

    /**
     * Applies {@code items} a chunk per transaction, collecting what each chunk asks to auction; between
     * chunks it renews the role and stops (false) once the role is lost. A failed chunk is logged and
     * skipped: its rows are read again by the next pass.
     */
    private <T> boolean inChunks(List<T> items, Fence fence, Function<List<T>, List<ActualLrpKey>> apply,
                                 List<ActualLrpKey> toAuction) {
        for (int from = 0; from < items.size(); from += CHUNK) {
            if (from > 0 && !renew(fence)) {
                LOG.warning(() -> "converger role lost mid-pass; stopping the pass");
                return false;
            }
            List<T> chunk = items.subList(from, Math.min(items.size(), from + CHUNK));
            try {
                toAuction.addAll(apply.apply(chunk));
            } catch (DiegoException e) {
                if (e.type() == ErrorType.LockCollision) {
                    throw e; // a newer holder wrote: this pass ends at once
                }
                LOG.log(Level.WARNING, "convergence chunk of " + chunk.size() + " repairs rolled back; the next pass retries", e);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "convergence chunk of " + chunk.size() + " repairs rolled back; the next pass retries", e);
            }
        }
        return true;
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
