package org.diego.cell.rep;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.cell.broker.BrokerAttachment;
import org.diego.core.json.Json;
import org.diego.core.messages.Destinations;
import org.diego.core.messages.MessageType;

/**
 * Listens on this cell's queue ({@code diego.cell.<id>}) and passes each message to the dispatcher,
 * with a way to answer it on its {@code JMSReplyTo} ({@code cell_state_request}).
 * Messages are acknowledged automatically once handed over: the rep only reserves synchronously, so a
 * message is never held while the BBS is being called, and a lost one is re-sent by convergence.
 */
public final class JmsWorkConsumer implements BrokerAttachment {
    private static final Logger LOG = Logger.getLogger(JmsWorkConsumer.class.getName());
    /** How long a reply waits for its requester (the auctioneer's default wait is 10 s). */
    static final long REPLY_TTL_MILLIS = 60_000;
    private final String queueName;
    private final CellMessageDispatcher dispatcher;
    private volatile JMSContext session;

    public JmsWorkConsumer(String cellId, CellMessageDispatcher dispatcher) {
        this.queueName = Destinations.cellQueue(cellId);
        this.dispatcher = dispatcher;
    }

    @Override
    public void attach(JMSContext connection) {
        JMSContext s = connection.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        try {
            s.createConsumer(s.createQueue(queueName)).setMessageListener(this::onMessage);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        session = s;
        LOG.info(() -> "consuming " + queueName);
    }

    @Override
    public void detach() {
        JMSContext s = session;
        session = null;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing the work session", e);
            }
        }
    }

    /**
     * Answers on the request's {@code JMSReplyTo} with correlation id = the request's message id, on this
     * consumer's session (the listener thread owns it). Replies are non-persistent and expire: an
     * auctioneer that gave up no longer reads its temporary queue.
     */
    private CellMessageDispatcher.Replier replier(Message request) throws JMSException {
        Destination replyTo = request.getJMSReplyTo();
        if (replyTo == null) {
            return CellMessageDispatcher.Replier.NONE;
        }
        String correlationId = request.getJMSMessageID();
        return body -> {
            JMSContext s = session;
            if (s == null) {
                throw new IllegalStateException("not connected to the broker");
            }
            try {
                s.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).setTimeToLive(REPLY_TTL_MILLIS)
                        .setJMSCorrelationID(correlationId)
                        .setProperty(Destinations.TYPE_PROPERTY, MessageType.of(body).wireName())
                        .send(replyTo, Json.write(body));
            } catch (JMSRuntimeException e) {
                // Typically a requester that gave up and deleted its temporary queue: nothing to repair.
                LOG.warning(() -> "cannot reply " + MessageType.of(body).wireName() + " to " + replyTo + ": "
                        + e.getMessage());
            }
        };
    }

    void onMessage(Message message) {
        try {
            if (!(message instanceof TextMessage text)) {
                LOG.warning(() -> "dropping a non-text message on " + queueName + ": " + message);
                return;
            }
            dispatcher.dispatch(text.getStringProperty(Destinations.TYPE_PROPERTY), text.getText(),
                    replier(message));
        } catch (JMSException | RuntimeException e) {
            // Never let a message escape: OpenMQ would redeliver it, and a poisoned one forever.
            LOG.log(Level.WARNING, "dropping an unreadable message on " + queueName, e);
        }
    }
}
