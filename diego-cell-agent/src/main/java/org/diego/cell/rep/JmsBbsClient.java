package org.diego.cell.rep;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.cell.broker.BrokerAttachment;
import org.diego.core.api.ActualLrpsResponse;
import org.diego.core.api.CompleteTaskRequest;
import org.diego.core.api.EvacuateClaimedActualLrpRequest;
import org.diego.core.api.EvacuateCrashedActualLrpRequest;
import org.diego.core.api.EvacuateRunningActualLrpRequest;
import org.diego.core.api.EvacuateStoppedActualLrpRequest;
import org.diego.core.api.EvacuationResponse;
import org.diego.core.api.RejectTaskRequest;
import org.diego.core.api.RemoveEvacuatingActualLrpRequest;
import org.diego.core.api.StartTaskRequest;
import org.diego.core.api.TasksResponse;
import org.diego.core.json.Json;
import org.diego.core.messages.ActualLrpsByCell;
import org.diego.core.messages.CellHeartbeat;
import org.diego.core.messages.ClaimActualLrpRequest;
import org.diego.core.messages.CrashActualLrpRequest;
import org.diego.core.messages.Destinations;
import org.diego.core.messages.FailActualLrpRequest;
import org.diego.core.messages.LifecycleResponse;
import org.diego.core.messages.MessageType;
import org.diego.core.messages.RemoveActualLrpRequest;
import org.diego.core.messages.StartActualLrpRequest;
import org.diego.core.messages.TasksByCell;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.DiegoError;
import org.diego.core.model.DiegoException;
import org.diego.core.model.Task;

/**
 * The BBS over JMS. Lifecycle calls (ActualLRP and Task) are request/reply on {@code diego.bbs}: each request is persistent,
 * names this agent's temporary queue in JMSReplyTo and expires after the reply timeout (a request
 * nobody answers in time must not be applied after the caller gave up); the reply is matched by
 * JMSCorrelationID = the request's JMSMessageID. Heartbeats are non-persistent fire-and-forget.
 *
 * <p>Each request kind expects one reply kind: a {@code lifecycle_response}, a list for the sync reads, an
 * {@code evacuation_response} for the evacuation reports. Any other reply fails the call at once, except
 * a {@code lifecycle_response} error, which is how the BBS answers a request it could not decode.
 *
 * <p>One session sends (JMS sessions are single-threaded, so sends are serialised) and another
 * listens for replies. A reply can arrive before {@code send} has returned the message id, so a call
 * is registered under the send lock and the reply listener takes that lock before looking it up.
 */
public final class JmsBbsClient implements BbsClient, SyncBbsClient, EvacuationBbsClient, HeartbeatSink,
        BrokerAttachment {
    private static final Logger LOG = Logger.getLogger(JmsBbsClient.class.getName());
    private final Duration replyTimeout;
    private final Object sendLock = new Object();
    private final Map<String, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();

    /** A reply as it came: its {@code diego_type} and text, decoded by the waiting caller. */
    private record Reply(String type, String body) {
    }
    private JMSContext sender; // guarded by sendLock
    private JMSContext replies; // guarded by sendLock
    private Queue bbsQueue; // guarded by sendLock
    private TemporaryQueue replyQueue; // guarded by sendLock

    public JmsBbsClient(Duration replyTimeout) {
        this.replyTimeout = replyTimeout;
    }

    @Override
    public void attach(JMSContext connection) {
        JMSContext s = connection.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        JMSContext r = connection.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        try {
            TemporaryQueue q = r.createTemporaryQueue();
            r.createConsumer(q).setMessageListener(this::onReply);
            synchronized (sendLock) {
                sender = s;
                replies = r;
                bbsQueue = s.createQueue(Destinations.BBS_QUEUE);
                replyQueue = q;
            }
        } catch (RuntimeException e) {
            closeQuietly(s);
            closeQuietly(r);
            throw e;
        }
    }

    @Override
    public void detach() {
        JMSContext s;
        JMSContext r;
        synchronized (sendLock) {
            s = sender;
            r = replies;
            sender = null;
            replies = null;
            bbsQueue = null;
            replyQueue = null;
        }
        // Close outside the lock: closing waits for a running reply listener, which takes the lock.
        closeQuietly(s);
        closeQuietly(r);
        pending.values().forEach(f -> f.completeExceptionally(
                new BbsUnavailableException("the broker connection was lost before the reply came")));
    }

    @Override
    public LifecycleResponse claim(ClaimActualLrpRequest request) {
        return call(request);
    }

    @Override
    public LifecycleResponse start(StartActualLrpRequest request) {
        return call(request);
    }

    @Override
    public LifecycleResponse crash(CrashActualLrpRequest request) {
        return call(request);
    }

    @Override
    public LifecycleResponse remove(RemoveActualLrpRequest request) {
        return call(request);
    }

    @Override
    public LifecycleResponse fail(FailActualLrpRequest request) {
        return call(request);
    }

    @Override
    public LifecycleResponse startTask(StartTaskRequest request) {
        return call(request);
    }

    @Override
    public LifecycleResponse completeTask(CompleteTaskRequest request) {
        return call(request);
    }

    @Override
    public LifecycleResponse rejectTask(RejectTaskRequest request) {
        return call(request);
    }

    @Override
    public List<ActualLrp> actualLrps(String cellId) {
        ActualLrpsResponse r = call(new ActualLrpsByCell(cellId), MessageType.ACTUAL_LRPS, ActualLrpsResponse.class);
        refused(MessageType.ACTUAL_LRPS_BY_CELL, r.error());
        return r.actualLrps() == null ? List.of() : r.actualLrps();
    }

    @Override
    public List<Task> tasks(String cellId) {
        TasksResponse r = call(new TasksByCell(cellId), MessageType.TASKS, TasksResponse.class);
        refused(MessageType.TASKS_BY_CELL, r.error());
        return r.tasks();
    }

    @Override
    public LifecycleResponse removeEvacuating(RemoveEvacuatingActualLrpRequest request) {
        return call(request);
    }

    @Override
    public EvacuationResponse evacuateClaimed(EvacuateClaimedActualLrpRequest request) {
        return call(request, MessageType.EVACUATION_RESPONSE, EvacuationResponse.class);
    }

    @Override
    public EvacuationResponse evacuateRunning(EvacuateRunningActualLrpRequest request) {
        return call(request, MessageType.EVACUATION_RESPONSE, EvacuationResponse.class);
    }

    @Override
    public EvacuationResponse evacuateStopped(EvacuateStoppedActualLrpRequest request) {
        return call(request, MessageType.EVACUATION_RESPONSE, EvacuationResponse.class);
    }

    @Override
    public EvacuationResponse evacuateCrashed(EvacuateCrashedActualLrpRequest request) {
        return call(request, MessageType.EVACUATION_RESPONSE, EvacuationResponse.class);
    }

    private static void refused(MessageType request, DiegoError error) {
        if (error != null) {
            throw new BbsUnavailableException(request.wireName() + " refused: " + error.message());
        }
    }

    @Override
    public void send(CellHeartbeat heartbeat, Duration timeToLive) {
        synchronized (sendLock) {
            if (sender == null) {
                throw new BbsUnavailableException("not connected to the broker");
            }
            try {
                sender.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                        .setTimeToLive(timeToLive.toMillis())
                        .setProperty(Destinations.TYPE_PROPERTY, MessageType.CELL_HEARTBEAT.wireName())
                        .send(bbsQueue, Json.write(heartbeat));
            } catch (JMSRuntimeException e) {
                throw new BbsUnavailableException("cannot send cell_heartbeat: " + e.getMessage(), e);
            }
        }
    }

    private LifecycleResponse call(Object request) {
        return call(request, MessageType.LIFECYCLE_RESPONSE, LifecycleResponse.class);
    }

    private <T> T call(Object request, MessageType replyType, Class<T> bodyType) {
        String type = MessageType.of(request).wireName();
        Reply reply = await(type, request);
        try {
            if (replyType.wireName().equals(reply.type())) {
                return Json.read(reply.body(), bodyType);
            }
            if (MessageType.LIFECYCLE_RESPONSE.wireName().equals(reply.type())) {
                LifecycleResponse error = Json.read(reply.body(), LifecycleResponse.class);
                if (!error.ok()) {
                    throw new BbsUnavailableException(type + " refused: " + error.error().message());
                }
            }
        } catch (DiegoException e) {
            LOG.log(Level.WARNING, "dropping an unreadable reply to " + type, e);
            throw new BbsUnavailableException(type + ": unreadable reply: " + e.getMessage(), e);
        }
        LOG.warning(() -> "dropping a reply of diego_type " + reply.type() + " (expected " + replyType.wireName() + ")");
        throw new BbsUnavailableException("reply of unexpected diego_type " + reply.type());
    }

    private Reply await(String type, Object request) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        String id = send(type, request, reply);
        try {
            return reply.get(replyTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new BbsUnavailableException("no reply to " + type + " within " + replyTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new BbsUnavailableException(type + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BbsUnavailableException(type + ": interrupted while waiting for the reply", e);
        } finally {
            pending.remove(id);
        }
    }

    private String send(String type, Object request, CompletableFuture<Reply> reply) {
        synchronized (sendLock) {
            if (sender == null) {
                throw new BbsUnavailableException("cannot send " + type + ": not connected to the broker");
            }
            try {
                TextMessage message = sender.createTextMessage(Json.write(request));
                message.setStringProperty(Destinations.TYPE_PROPERTY, type);
                message.setJMSReplyTo(replyQueue);
                sender.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT)
                        .setTimeToLive(replyTimeout.toMillis())
                        .setJMSReplyTo(replyQueue)
                        .send(bbsQueue, message);
                String id = message.getJMSMessageID();
                pending.put(id, reply);
                return id;
            } catch (JMSException | JMSRuntimeException e) {
                throw new BbsUnavailableException("cannot send " + type + ": " + e.getMessage(), e);
            }
        }
    }

    private void onReply(Message message) {
        try {
            String correlation = message.getJMSCorrelationID();
            CompletableFuture<Reply> reply;
            synchronized (sendLock) {
                reply = correlation == null ? null : pending.get(correlation);
            }
            if (reply == null) {
                LOG.info(() -> "dropping a reply nobody waits for (late, or unknown correlation id "
                        + correlation + ")");
                return;
            }
            reply.complete(new Reply(message.getStringProperty(Destinations.TYPE_PROPERTY),
                    message.getBody(String.class)));
        } catch (JMSException | JMSRuntimeException e) {
            LOG.log(Level.WARNING, "dropping an unreadable reply", e);
            failReplyTo(message, e);
        }
    }

    private void failReplyTo(Message message, Exception cause) {
        try {
            CompletableFuture<Reply> reply = pending.get(message.getJMSCorrelationID());
            if (reply != null) {
                reply.completeExceptionally(new BbsUnavailableException("unreadable reply: " + cause.getMessage()));
            }
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.FINE, "reply without a readable correlation id", e);
        }
    }

    private static void closeQuietly(JMSContext context) {
        if (context == null) {
            return;
        }
        try {
            context.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing a broker session", e);
        }
    }
}
