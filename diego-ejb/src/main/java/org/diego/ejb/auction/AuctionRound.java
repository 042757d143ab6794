package org.diego.ejb.auction;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.diego.core.auction.AuctionConfig;
import org.diego.core.auction.AuctionResult;
import org.diego.core.auction.CellState;
import org.diego.core.auction.LrpAuction;
import org.diego.core.auction.PlacementExplanation;
import org.diego.core.auction.Scheduler;
import org.diego.core.auction.TaskAuction;
import org.diego.core.json.Json;
import org.diego.core.messages.AuctionRequest;
import org.diego.core.messages.CellStateReport;
import org.diego.core.messages.Destinations;
import org.diego.core.messages.LrpWork;
import org.diego.core.messages.TaskAuctionRequest;
import org.diego.core.messages.TaskWork;
import org.diego.core.messages.MessageType;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.DesiredLrpSchedulingInfo;
import org.diego.core.model.DiegoException;
import org.diego.core.model.Task;
import org.diego.core.model.TaskState;
import org.diego.ejb.bbs.ActualLrps;
import org.diego.ejb.bbs.Cells;
import org.diego.ejb.bbs.DesiredLrps;
import org.diego.ejb.bbs.Fences;
import org.diego.ejb.bbs.Tasks;
import org.diego.ejb.cluster.Fence;
import org.diego.ejb.config.DiegoConfig;
import org.diego.ejb.messaging.AuctionQueue;
import org.diego.ejb.messaging.Messenger;

/**
 * One auction round, in one transaction: drain the queued start requests (the data grid's
 * {@link AuctionQueue}, then what is left on the legacy JMS queue), keep the instances still
 * UNCLAIMED, ask every live cell for its state ({@link CellStateGatherer}, outside the transaction,
 * skipping cells that do not answer in time), place them with Diego's scheduler and the configured
 * {@link AuctionConfig}, send each cell its work, record placement errors and keep their explanations
 * ({@link PlacementExplanations}). A stale role holder's round is refused by the fence and rolls back,
 * leaving the requests queued (the grid's put back by {@link PutBackOnRollback}). Failures are not retried here: convergence re-auctions them; work a
 * cell cannot reserve comes back from the cell as {@code fail_actual_lrp}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class AuctionRound {
    /** Small enough that a claim never waits long behind one; large enough to cost few commits. */
    private static final int PLACEMENT_ERRORS_PER_TRANSACTION = 25;
    private static final Duration JMS_DRAIN_EVERY = Duration.ofSeconds(1);
    /** When this JVM last looked at the legacy JMS queue (only the auctioneer role's holder runs rounds). */
    private static final AtomicReference<Instant> LAST_JMS_DRAIN = new AtomicReference<>(Instant.EPOCH);
    private static final Logger LOG = Logger.getLogger(AuctionRound.class.getName());
    private static final int JMS_PER_ROUND = 90;

    @Inject
    DiegoConfig config;
    @Inject
    @JMSConnectionFactory("jms/diego/ConnectionFactory")
    JMSContext jms;
    @Inject
    DesiredLrps desired;
    @Inject
    ActualLrps actuals;
    @Inject
    Tasks tasks;
    @Inject
    Cells cells;
    @Inject
    Messenger messenger;
    @Inject
    Fences fences;
    @Inject
    CellStateGatherer gatherer;
    @Inject
    PlacementExplanations explanations;
    @Inject
    AuctionQueue queue;
    @Resource
    TransactionSynchronizationRegistry transactions;
    @Inject
    Clock clock;

    public void run(Fence fence) {
        Batch batch = drain();
        if (!batch.isEmpty()) {
            fences.check(fence);
            runRound(batch);
        }
    }

    /** One drain of the auction queue: LRP start requests and task start requests, told apart by type. */
    private record Batch(List<AuctionRequest> lrps, List<TaskAuctionRequest> tasks) {
        boolean isEmpty() {
            return lrps.isEmpty() && tasks.isEmpty();
        }

        int size() {
            return lrps.size() + tasks.size();
        }

        void add(Object request) {
            if (request instanceof TaskAuctionRequest task) {
                tasks.add(task);
            } else {
                lrps.add((AuctionRequest) request);
            }
        }
    }

    private Batch drain() {
        Batch batch = new Batch(new ArrayList<>(), new ArrayList<>());
        List<Object> fromGrid = queue.drain(config.auctionMaxBatch());
        if (!fromGrid.isEmpty()) {
            // The grid queue is not transactional: a round that rolls back puts its requests back.
            transactions.registerInterposedSynchronization(new PutBackOnRollback(queue, fromGrid));
            fromGrid.forEach(batch::add);
        }
        if (config.auctionDrainJmsQueue() && batch.size() < config.auctionMaxBatch() && jmsDrainDue()) {
            drainJms(batch);
        }
        return batch;
    }

    /**
     * At most once per {@link #JMS_DRAIN_EVERY}: a receive on the empty legacy queue waits, and on every tick
     * (200 ms) that wait alone delayed each round, and so each desire's placement, by as much again.
     */
    private boolean jmsDrainDue() {
        Instant now = clock.instant();
        Instant last = LAST_JMS_DRAIN.get();
        return !now.isBefore(last.plus(JMS_DRAIN_EVERY)) && LAST_JMS_DRAIN.compareAndSet(last, now);
    }

    /**
     * Requests still on the JMS queue (sent by an earlier version), drained in the round's transaction:
     * at most {@value #JMS_PER_ROUND}, because OpenMQ refuses a transaction that consumes more than 100.
     */
    private void drainJms(Batch batch) {
        try (JMSConsumer consumer = jms.createConsumer(jms.createQueue(Destinations.AUCTION_QUEUE))) {
            Message m = consumer.receive(50);
            for (int taken = 1; m != null; taken++) {
                try {
                    String body = m.getBody(String.class);
                    if (MessageType.TASK_AUCTION_REQUEST.wireName().equals(m.getStringProperty(Destinations.TYPE_PROPERTY))) {
                        batch.tasks().add(Json.read(body, TaskAuctionRequest.class));
                    } else {
                        batch.lrps().add(Json.read(body, AuctionRequest.class));
                    }
                } catch (DiegoException | jakarta.jms.JMSException e) {
                    LOG.warning(() -> "dropping undecodable auction request: " + e.getMessage());
                }
                m = batch.size() < config.auctionMaxBatch() && taken < JMS_PER_ROUND ? consumer.receive(20) : null;
            }
        }
    }

    private void runRound(Batch batch) {
        // Two queries for the whole batch (scheduling infos, then the requested rows), not two reads per
        // request: a deploy queues thousands. Run infos are read only for the LRPs that get placed.
        Map<String, DesiredLrpSchedulingInfo> infos = desired.schedulingInfos(
                batch.lrps().stream().map(AuctionRequest::processGuid).toList());
        List<ActualLrpKey> requested = new ArrayList<>();
        for (AuctionRequest request : batch.lrps()) {
            DesiredLrpSchedulingInfo info = infos.get(request.processGuid());
            if (info != null) {
                request.indices().forEach(i -> requested.add(new ActualLrpKey(request.processGuid(), i, info.domain())));
            }
        }
        Map<String, ActualLrp> rows = actuals.findAll(requested);
        List<LrpAuction> auctions = new ArrayList<>();
        Map<ActualLrpKey, String> placementErrors = new HashMap<>();
        for (ActualLrpKey key : requested) {
            ActualLrp row = rows.get(ActualLrps.instanceId(key.processGuid(), key.index()));
            if (row != null && row.state() == ActualLrpState.UNCLAIMED && !placementErrors.containsKey(key)) {
                DesiredLrpSchedulingInfo info = infos.get(key.processGuid());
                auctions.add(new LrpAuction(key, info, info.volumePlacement().driverNames()));
                placementErrors.put(key, row.placementError());
            }
        }
        Map<String, Task> pending = new HashMap<>();
        List<TaskAuction> taskAuctions = new ArrayList<>();
        for (TaskAuctionRequest request : batch.tasks()) {
            Task task = tasks.find(request.taskGuid());
            // Only PENDING tasks are placed: a started, cancelled or deleted one needs no cell.
            if (task != null && task.state() == TaskState.Pending && pending.putIfAbsent(task.taskGuid(), task) == null) {
                taskAuctions.add(request.toAuction());
            }
        }
        if (auctions.isEmpty() && taskAuctions.isEmpty()) {
            return;
        }
        AuctionConfig auctionConfig = config.auctionConfig();
        // Outside this transaction (NOT_SUPPORTED bean): the requests must leave before we wait for replies.
        long fetchStart = System.nanoTime();
        List<CellState> states = cellStates(gatherer.gather(cells.live(), config.cellStateTimeout()));
        long fetchMillis = (System.nanoTime() - fetchStart) / 1_000_000;
        AuctionResult result = Scheduler.schedule(auctions, taskAuctions, states, auctionConfig);
        Map<String, DesiredLrp> recipes = desired.findAll(result.work().values().stream()
                .flatMap(w -> w.lrps().stream()).map(a -> a.key().processGuid()).toList());
        // Sent inside the transaction: the work leaves only if the round commits.
        result.work().forEach((cellId, work) -> {
            if (!work.lrps().isEmpty()) {
                messenger.toCell(cellId, new LrpWork(work.lrps().stream()
                        .map(a -> new LrpWork.LrpStart(a.key(), recipes.get(a.key().processGuid()))).toList()));
            }
            if (!work.tasks().isEmpty()) {
                messenger.toCell(cellId, new TaskWork(work.tasks().stream().map(t -> pending.get(t.taskGuid())).toList()));
            }
        });
        recordPlacementErrors(result.failures(), placementErrors);
        // Diego's auctioneer rejects an unplaced task; the BBS fails it after max_retries rejections.
        result.taskFailures().forEach(f -> tasks.rejectIfPending(f.task().taskGuid(), f.reason()));
        explain(result);
        LOG.info(() -> "auction round: " + auctions.size() + " instances and " + taskAuctions.size() + " tasks on "
                + states.size() + " cell(s) (state in " + fetchMillis + " ms), " + result.placedCount()
                + " placed on " + result.work().keySet() + ", " + result.failedCount() + " failed");
    }

    /**
     * Each failure's reason goes on its row, as Diego's auctioneer fails each one with a BBS call of its
     * own: in short transactions beside the round's, so a round that fails thousands of instances holds
     * no row lock a cell's claim would wait for until the round commits (the claim latency tail in
     * docs/10), and a row already showing the same reason (re-auctioned by convergence) is not touched.
     */
    private void recordPlacementErrors(List<AuctionResult.Failure> failures, Map<ActualLrpKey, String> current) {
        List<AuctionResult.Failure> changed = failures.stream()
                .filter(f -> !f.reason().equals(current.get(f.auction().key()))).toList();
        for (int from = 0; from < changed.size(); from += PLACEMENT_ERRORS_PER_TRANSACTION) {
            actuals.recordPlacementErrors(changed.subList(from, Math.min(changed.size(),
                    from + PLACEMENT_ERRORS_PER_TRANSACTION)).stream()
                    .map(f -> Map.entry(f.auction().key(), f.reason())).toList());
        }
    }

    /**
     * The scheduler's snapshots from the cells' replies. Cell indices (bin-pack first fit) follow the
     * sorted cell ids, so they are stable from round to round while the set of cells is.
     */
    static List<CellState> cellStates(Map<String, CellStateReport> reports) {
        List<String> ids = new ArrayList<>(new TreeSet<>(reports.keySet()));
        List<CellState> states = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            try {
                states.add(reports.get(ids.get(i)).toCellState(i));
            } catch (DiegoException e) {
                String id = ids.get(i);
                LOG.warning(() -> "skipping cell " + id + " this round: unusable cell state: " + e.getMessage());
            }
        }
        return states;
    }

    /** Logs why each unplaced instance was not placed and keeps it for the API; forgets the placed ones. */
    private void explain(AuctionResult result) {
        Instant now = clock.instant();
        Map<String, PlacementExplanations.Explanation> failed = new LinkedHashMap<>();
        for (AuctionResult.Failure f : result.failures()) {
            LrpAuction a = f.auction();
            PlacementExplanation explained = result.explain(a.identifier());
            PlacementExplanations.Explanation e = PlacementExplanations.of(a.processGuid(), a.index(), f.reason(),
                    explained, now);
            failed.put(PlacementExplanations.key(a.processGuid(), a.index()), e);
            if (explained != null) {
                LOG.info(() -> "placement explanation " + e.description());
            }
        }
        List<String> placed = result.placements().values().stream().flatMap(List::stream)
                .map(a -> PlacementExplanations.key(a.processGuid(), a.index())).toList();
        explanations.record(failed, placed, config.explanationTtl());
    }
}
