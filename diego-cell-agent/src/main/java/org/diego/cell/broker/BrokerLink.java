package org.diego.cell.broker;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's one broker connection. {@link #connect} retries until the broker answers (or a deadline
 * passes); when the connection is lost for good (OpenMQ's own reconnect gave up) every attachment is
 * detached and the whole thing is rebuilt on a background thread, retrying forever.
 */
public final class BrokerLink implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BrokerLink.class.getName());

    private final String brokerUrl;
    private final Supplier<JMSContext> connector;
    private final List<BrokerAttachment> attachments;
    private final Duration retryInterval;
    private JMSContext current; // guarded by this
    private boolean closed; // guarded by this

    public BrokerLink(String brokerUrl, Supplier<JMSContext> connector, List<BrokerAttachment> attachments,
                      Duration retryInterval) {
        this.brokerUrl = brokerUrl;
        this.connector = connector;
        this.attachments = List.copyOf(attachments);
        this.retryInterval = retryInterval;
    }

    /**
     * Connects and attaches everything, retrying every {@code retryInterval}. Returns false when
     * {@code timeout} (zero: none) passed or the link was closed meanwhile.
     */
    public boolean connect(Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = timeout.isZero() ? Long.MAX_VALUE : started + timeout.toNanos();
        for (int attempt = 1; ; attempt++) {
            synchronized (this) {
                if (closed) {
                    return false;
                }
            }
            try {
                attach(connector.get());
                LOG.info(() -> "connected to broker " + brokerUrl);
                return true;
            } catch (RuntimeException e) { // OpenMQ throws JMSRuntimeException subclasses; be broad while retrying
                if (System.nanoTime() > deadline) {
                    long waited = Duration.ofNanos(System.nanoTime() - started).toSeconds();
                    LOG.severe(() -> "giving up: broker " + brokerUrl + " still unreachable after " + waited
                            + " s: " + e.getMessage());
                    return false;
                }
                int n = attempt;
                LOG.warning(() -> "broker " + brokerUrl + " unreachable (attempt " + n + "): " + e.getMessage()
                        + "; retrying in " + retryInterval.toMillis() + " ms");
                Thread.sleep(retryInterval.toMillis());
            }
        }
    }

    private void attach(JMSContext connection) {
        try {
            connection.setExceptionListener(e -> lost(connection, e));
            attachments.forEach(a -> a.attach(connection));
        } catch (RuntimeException e) {
            attachments.forEach(BrokerAttachment::detach);
            closeQuietly(connection);
            throw e;
        }
        synchronized (this) {
            if (!closed) {
                current = connection;
                return;
            }
        }
        attachments.forEach(BrokerAttachment::detach);
        closeQuietly(connection);
        throw new IllegalStateException("broker link closed while connecting");
    }

    /** OpenMQ gave up reconnecting: the sessions are dead, so start again from a new connection. */
    private void lost(JMSContext connection, JMSException cause) {
        synchronized (this) {
            if (closed || current != connection) {
                return; // a stale connection, or we are shutting down anyway
            }
            current = null;
        }
        LOG.log(Level.SEVERE, "lost the connection to broker " + brokerUrl + " (" + cause.getMessage()
                + "); reconnecting", cause);
        Thread rebuild = new Thread(() -> {
            attachments.forEach(BrokerAttachment::detach);
            closeQuietly(connection);
            try {
                connect(Duration.ZERO);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "broker-reconnect");
        rebuild.setDaemon(true);
        rebuild.start();
    }

    @Override
    public void close() {
        JMSContext connection;
        synchronized (this) {
            closed = true;
            connection = current;
            current = null;
        }
        attachments.forEach(BrokerAttachment::detach);
        if (connection != null) {
            closeQuietly(connection);
        }
    }

    public synchronized boolean connected() {
        return current != null;
    }

    private static void closeQuietly(JMSContext context) {
        try {
            context.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing a broken connection", e);
        }
    }
}
