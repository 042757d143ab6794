package org.diego.cell.logs;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.cell.broker.BrokerAttachment;
import org.diego.core.json.Json;
import org.diego.core.logs.LogBatch;
import org.diego.core.messages.Destinations;
import org.diego.core.messages.MessageType;

/**
 * Sends log batches to {@code diego.logs} on a session of its own (so a slow log send never holds the
 * BBS client's session): non-persistent, not transacted, and expiring after {@code timeToLiveMs} in the
 * broker, since old log lines are worth little and must not pile up while the cluster is away.
 */
public final class JmsBatchSender implements BrokerAttachment, BatchSender {
    private static final Logger LOG = Logger.getLogger(JmsBatchSender.class.getName());

    private final long timeToLiveMs;
    private JMSContext context; // guarded by this
    private JMSProducer producer; // guarded by this
    private Queue queue; // guarded by this

    public JmsBatchSender(long timeToLiveMs) {
        this.timeToLiveMs = timeToLiveMs;
    }

    @Override
    public synchronized void attach(JMSContext connection) {
        JMSContext c = connection.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        try {
            queue = c.createQueue(Destinations.LOGS_QUEUE);
            producer = c.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).setTimeToLive(timeToLiveMs)
                    .setProperty(Destinations.TYPE_PROPERTY, MessageType.LOG_BATCH.wireName());
            context = c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public synchronized void detach() {
        JMSContext c = context;
        context = null;
        producer = null;
        queue = null;
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing the log session", e);
            }
        }
    }

    @Override
    public synchronized void send(LogBatch batch) {
        if (producer == null) {
            throw new IllegalStateException("not connected to the broker");
        }
        producer.send(queue, Json.write(batch));
    }
}
