package org.diego.ejb.auction;

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
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.logging.Logger;
import org.diego.core.auction.AuctionResult;
import org.diego.core.auction.CellState;
import org.diego.core.auction.LrpAuction;
import org.diego.core.auction.Scheduler;
import org.diego.core.json.Json;
import org.diego.core.messages.AuctionRequest;
import org.diego.core.messages.Destinations;
import org.diego.core.messages.LrpWork;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.CellPresence;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.DiegoException;
import org.diego.ejb.bbs.ActualLrps;
import org.diego.ejb.bbs.Cells;
import org.diego.ejb.bbs.DesiredLrps;
import org.diego.ejb.bbs.Fences;
import org.diego.ejb.cluster.Fence;
import org.diego.ejb.cluster.Leadership;
import org.diego.ejb.config.DiegoConfig;
import org.diego.ejb.messaging.Messenger;

/**
 * Runs on every instance; acts only while holding the "auctioneer" role. Each tick is one auction
 * round: drain the queued start requests, keep the instances still UNCLAIMED, place them, send the
 * work, record placement errors. Failures are not retried here: convergence re-auctions them.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Auctioneer {
    private static final Logger LOG = Logger.getLogger(Auctioneer.class.getName());
    public static final String ROLE = "auctioneer";

    @Resource
    TimerService timers;
    @Inject
    DiegoConfig config;
    @Inject
    Leadership leadership;
    @Inject
    @JMSConnectionFactory("jms/diego/ConnectionFactory")
    JMSContext jms;
    @Inject
    DesiredLrps desired;
    @Inject
    ActualLrps actuals;
    @Inject
    Cells cells;
    @Inject
    Messenger messenger;
    @Inject
    Fences fences;

    @PostConstruct
    void schedule() {
        long every = config.auctionInterval().toMillis();
        timers.createIntervalTimer(every, every, new TimerConfig(ROLE, false));
    }

    @PreDestroy
    void release() {
        leadership.release(ROLE);
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void tick() {
        OptionalLong token = leadership.hold(ROLE, config.lockTtl());
        if (token.isEmpty()) {
            return;
        }
        List<AuctionRequest> batch = drain();
        if (!batch.isEmpty()) {
            try {
                fences.check(new Fence(ROLE, token.getAsLong()));
            } catch (DiegoException stale) {
                // The transaction is now rollback-only: the drained requests stay queued for the new holder.
                LOG.warning(stale::getMessage);
                return;
            }
            runRound(batch);
        }
    }

    private List<AuctionRequest> drain() {
        List<AuctionRequest> batch = new ArrayList<>();
        try (JMSConsumer consumer = jms.createConsumer(jms.createQueue(Destinations.AUCTION_QUEUE))) {
            Message m = consumer.receive(200);
            while (m != null && batch.size() < config.auctionMaxBatch()) {
                try {
                    batch.add(Json.read(m.getBody(String.class), AuctionRequest.class));
                } catch (DiegoException | jakarta.jms.JMSException e) {
                    LOG.warning(() -> "dropping undecodable auction request: " + e.getMessage());
                }
                m = consumer.receive(20);
            }
        }
        return batch;
    }

    private void runRound(List<AuctionRequest> batch) {
        Map<String, DesiredLrp> recipes = new HashMap<>();
        List<LrpAuction> auctions = new ArrayList<>();
        for (AuctionRequest request : batch) {
            DesiredLrp lrp = recipes.computeIfAbsent(request.processGuid(), desired::find);
            if (lrp == null) {
                continue;
            }
            for (int index : request.indices()) {
                ActualLrpKey key = new ActualLrpKey(request.processGuid(), index, lrp.domain());
                ActualLrp row = actuals.find(key);
                if (row != null && row.state() == ActualLrpState.UNCLAIMED) {
                    auctions.add(new LrpAuction(key, lrp.schedulingInfo()));
                }
            }
        }
        AuctionResult result = Scheduler.schedule(auctions, cellStates());
        result.placements().forEach((cellId, placed) -> messenger.toCell(cellId, new LrpWork(placed.stream()
                .map(a -> new LrpWork.LrpStart(a.key(), recipes.get(a.key().processGuid()))).toList())));
        result.failures().forEach(f -> actuals.recordPlacementError(f.auction().key(), f.reason()));
        LOG.info(() -> "auction round: " + auctions.size() + " instances, "
                + result.placements().values().stream().mapToInt(List::size).sum() + " placed on "
                + result.placements().keySet() + ", " + result.failures().size() + " failed");
    }

    private List<CellState> cellStates() {
        Map<String, CellState> states = new HashMap<>();
        for (CellPresence cell : cells.live()) {
            states.put(cell.cellId(), new CellState(cell));
        }
        actuals.allocations().forEach(a -> {
            CellState s = states.get(a.cellId());
            if (s != null) {
                s.allocate(a.processGuid(), a.memoryMb(), a.diskMb());
            }
        });
        return new ArrayList<>(states.values());
    }
}
