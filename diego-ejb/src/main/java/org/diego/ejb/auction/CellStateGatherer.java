package org.diego.ejb.auction;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.json.Json;
import org.diego.core.messages.CellStateReport;
import org.diego.core.messages.CellStateRequest;
import org.diego.core.messages.Destinations;
import org.diego.core.messages.MessageType;
import org.diego.core.model.CellPresence;
import org.diego.core.model.DiegoException;

/**
 * Asks every live cell for its state (Diego's auctioneer fetching each rep's {@code /state}) over JMS
 * request/reply: one {@code cell_state_request} per cell queue, all naming one temporary reply queue,
 * then up to the timeout for the {@code cell_state} replies, matched by correlation id. A cell that does
 * not answer in time, or whose reply cannot be used, is left out of this round with a log line.
 *
 * <p>Runs outside any transaction: in the auction round's transaction the requests would only leave
 * at commit, after the wait for their replies. The context is the connection factory's own,
 * non-transacted and auto-acknowledged.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CellStateGatherer {
    private static final Logger LOG = Logger.getLogger(CellStateGatherer.class.getName());

    private static final int REPLIERS_PER_QUEUE = 90;
    /** Like Diego's auction runner: when not a single cell answers, the whole fetch is tried again. */
    static final int FETCH_ROUNDS = 4;

    @Resource(lookup = "jms/diego/ConnectionFactory")
    ConnectionFactory connectionFactory;

    /**
     * The states of the cells that answered in time, by cell id (sorted). When none answers, the fetch is
     * repeated up to {@link #FETCH_ROUNDS} times in all. Never throws for one cell's fault.
     */
    public Map<String, CellStateReport> gather(List<CellPresence> cells, Duration timeout) {
        Map<String, CellStateReport> states = Map.of();
        for (int round = 1; round <= FETCH_ROUNDS && !cells.isEmpty(); round++) {
            states = gatherOnce(cells, timeout);
            if (!states.isEmpty()) {
                break;
            }
            int tried = round;
            LOG.warning(() -> "no cell answered cell_state_request (fetch " + tried + " of " + FETCH_ROUNDS + ")");
        }
        return states;
    }

    private Map<String, CellStateReport> gatherOnce(List<CellPresence> cells, Duration timeout) {
        Map<String, CellStateReport> states = new LinkedHashMap<>();
        if (cells.isEmpty()) {
            return states;
        }
        long started = System.nanoTime();
        Map<String, String> cellOfRequest = new HashMap<>();
        TreeSet<String> unanswered = new TreeSet<>();
        List<TemporaryQueue> queues = new ArrayList<>();
        try (JMSContext jms = connectionFactory.createContext()) {
            // OpenMQ admits at most 100 producers per destination (a temporary queue included), and each
            // answering cell is one: spread the cells over reply queues of at most REPLIERS_PER_QUEUE.
            List<JMSConsumer> consumers = new ArrayList<>();
            for (int i = 0; i < cells.size(); i += REPLIERS_PER_QUEUE) {
                TemporaryQueue replies = jms.createTemporaryQueue();
                queues.add(replies);
                consumers.add(jms.createConsumer(replies));
                ask(jms, cells.subList(i, Math.min(cells.size(), i + REPLIERS_PER_QUEUE)), replies, timeout,
                        cellOfRequest, unanswered);
            }
            long deadline = started + timeout.toNanos();
            while (!unanswered.isEmpty() && System.nanoTime() < deadline) {
                boolean any = false;
                for (JMSConsumer consumer : consumers) {
                    for (Message reply = consumer.receive(5); reply != null; reply = consumer.receiveNoWait()) {
                        accept(reply, cellOfRequest, unanswered, states);
                        any = true;
                    }
                }
                if (!any && consumers.size() == 1) {
                    Message reply = consumers.get(0).receive(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    if (reply != null) {
                        accept(reply, cellOfRequest, unanswered, states);
                    }
                }
            }
            consumers.forEach(JMSConsumer::close);
            queues.forEach(CellStateGatherer::deleteQuietly);
        } catch (JMSRuntimeException e) {
            LOG.log(Level.WARNING, "cell state request/reply failed; auctioning with the " + states.size()
                    + " cell(s) that answered", e);
        }
        if (!unanswered.isEmpty()) {
            LOG.warning(() -> "cell(s) " + unanswered + " did not answer cell_state_request within "
                    + timeout.toMillis() + " ms; skipped this round");
        }
        LOG.fine(() -> "gathered the state of " + states.size() + "/" + cells.size() + " cell(s) in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
        Map<String, CellStateReport> sorted = new LinkedHashMap<>();
        new TreeSet<>(states.keySet()).forEach(id -> sorted.put(id, states.get(id)));
        return sorted;
    }

    /** Sends one {@code cell_state_request} to each cell, all answered on {@code replies}. */
    private static void ask(JMSContext jms, List<CellPresence> cells, TemporaryQueue replies, Duration timeout,
                            Map<String, String> cellOfRequest, TreeSet<String> unanswered) {
        JMSProducer producer = jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                // A cell that is down must not find a pile of stale requests when it comes back.
                .setTimeToLive(Math.max(1, timeout.toMillis()))
                .setJMSReplyTo(replies)
                .setProperty(Destinations.TYPE_PROPERTY, MessageType.CELL_STATE_REQUEST.wireName());
        for (CellPresence cell : cells) {
            try {
                TextMessage request = jms.createTextMessage(Json.write(new CellStateRequest(cell.cellId())));
                request.setJMSReplyTo(replies);
                producer.send(jms.createQueue(Destinations.cellQueue(cell.cellId())), request);
                cellOfRequest.put(request.getJMSMessageID(), cell.cellId());
                unanswered.add(cell.cellId());
            } catch (JMSException | JMSRuntimeException e) {
                LOG.log(Level.WARNING, "cannot ask cell " + cell.cellId() + " for its state; skipping it this round", e);
            }
        }
    }

    /** A pooled connection outlives this context, and its temporary queues with it unless deleted. */
    private static void deleteQuietly(TemporaryQueue queue) {
        try {
            queue.delete();
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot delete the cell state reply queue", e);
        }
    }

    private static void accept(Message reply, Map<String, String> cellOfRequest, TreeSet<String> unanswered,
                               Map<String, CellStateReport> states) {
        String cellId;
        try {
            cellId = cellOfRequest.get(reply.getJMSCorrelationID());
        } catch (JMSException e) {
            LOG.warning(() -> "dropping a cell_state reply without a readable correlation id: " + e.getMessage());
            return;
        }
        if (cellId == null || !unanswered.contains(cellId)) {
            LOG.info("dropping a cell_state reply nobody waits for");
            return;
        }
        unanswered.remove(cellId);
        try {
            String type = reply.getStringProperty(Destinations.TYPE_PROPERTY);
            if (!MessageType.CELL_STATE.wireName().equals(type)) {
                throw new DiegoException(org.diego.core.model.ErrorType.InvalidRequest,
                        "reply of diego_type " + type + ", expected cell_state");
            }
            CellStateReport state = Json.read(reply.getBody(String.class), CellStateReport.class).validate();
            if (!cellId.equals(state.cellId())) {
                throw new DiegoException(org.diego.core.model.ErrorType.InvalidRequest,
                        "reply names cell " + state.cellId());
            }
            states.put(cellId, state);
        } catch (DiegoException | JMSException | JMSRuntimeException e) {
            LOG.warning(() -> "skipping cell " + cellId + " this round: its cell_state cannot be used: "
                    + e.getMessage());
        }
    }
}
