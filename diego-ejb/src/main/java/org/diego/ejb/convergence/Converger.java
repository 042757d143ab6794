package org.diego.ejb.convergence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.convergence.ConvergenceInput;
import org.diego.core.convergence.ConvergenceResult;
import org.diego.core.convergence.LrpConvergence;
import org.diego.core.messages.AuctionRequest;
import org.diego.core.messages.Destinations;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.RestartPolicy;
import org.diego.core.time.Nanos;
import org.diego.ejb.bbs.ActualLrps;
import org.diego.ejb.bbs.Cells;
import org.diego.ejb.bbs.DesiredLrps;
import org.diego.ejb.cluster.Fence;
import org.diego.ejb.cluster.Leadership;
import org.diego.ejb.config.DiegoConfig;
import org.diego.ejb.messaging.Messenger;

/** The LRP convergence loop: one pass per interval, on the role holder only. */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Converger {
    private static final Logger LOG = Logger.getLogger(Converger.class.getName());
    public static final String ROLE = "converger";

    @Resource
    TimerService timers;
    @Inject
    DiegoConfig config;
    @Inject
    Leadership leadership;
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
    Messenger messenger;

    @PostConstruct
    void schedule() {
        long every = config.convergenceInterval().toMillis();
        timers.createIntervalTimer(every, every, new TimerConfig(ROLE, false));
    }

    @PreDestroy
    void release() {
        leadership.release(ROLE);
    }

    @Timeout
    public void tick() {
        // Hold the role for two intervals so a pass that runs long does not hand it over mid-pass.
        OptionalLong token = leadership.hold(ROLE, config.convergenceInterval().multipliedBy(2).plus(config.lockTtl()));
        if (token.isEmpty()) {
            return;
        }
        try {
            converge(new Fence(ROLE, token.getAsLong()));
        } catch (RuntimeException e) {
            // Includes LockCollision: a newer converger has written, so this pass stops at once.
            LOG.log(Level.WARNING, "convergence pass stopped; the next pass retries", e);
        }
    }

    void converge(Fence fence) {
        long started = System.nanoTime();
        ConvergenceInput input = new ConvergenceInput(desired.schedulingInfos(), actuals.list(null, null, null, null),
                cells.liveIds(), Nanos.now(clock));
        ConvergenceResult result = new LrpConvergence(restartPolicy, config.staleUnclaimed()).converge(input);

        List<ActualLrpKey> toAuction = new ArrayList<>();
        for (ActualLrpKey key : result.missing()) {
            if (actuals.createMissing(key, fence)) {
                toAuction.add(key);
            }
        }
        for (ActualLrp lrp : concat(result.unclaimOnMissingCell(), result.restartCrashed())) {
            if (actuals.unclaimIfUnchanged(lrp, fence)) {
                toAuction.add(lrp.key());
            }
        }
        result.staleUnclaimed().forEach(lrp -> toAuction.add(lrp.key()));
        result.retire().forEach(lrp -> actuals.retire(lrp, fence));
        auction(toAuction);

        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.info(() -> String.format("convergence: %d ms, %d desired, %d actual, %d cells; missing=%d missingCell=%d"
                        + " crashedRestart=%d staleUnclaimed=%d retired=%d", millis, input.desired().size(),
                input.actuals().size(), input.liveCells().size(), result.missing().size(),
                result.unclaimOnMissingCell().size(), result.restartCrashed().size(), result.staleUnclaimed().size(),
                result.retire().size()));
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
                messenger.toQueue(Destinations.AUCTION_QUEUE, new AuctionRequest(guid, domains.get(guid), indices)));
    }

    private static List<ActualLrp> concat(List<ActualLrp> a, List<ActualLrp> b) {
        List<ActualLrp> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
