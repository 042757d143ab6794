package org.diego.cell.rep;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.cell.broker.BrokerAttachment;
import org.diego.core.messages.Destinations;

/**
 * Listens on this cell's queue ({@code diego.cell.<id>}) and passes each message to the dispatcher.
 * Messages are acknowledged automatically once handed over: the rep only reserves synchronously, so a
 * message is never held while the BBS is being called, and a lost one is re-sent by convergence.
 */
public final class JmsWorkConsumer implements BrokerAttachment {
    private static final Logger LOG = Logger.getLogger(JmsWorkConsumer.class.getName());
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

    void onMessage(Message message) {
        try {
            if (!(message instanceof TextMessage text)) {
                LOG.warning(() -> "dropping a non-text message on " + queueName + ": " + message);
                return;
            }
            dispatcher.dispatch(text.getStringProperty(Destinations.TYPE_PROPERTY), text.getText());
        } catch (JMSException | RuntimeException e) {
            // Never let a message escape: OpenMQ would redeliver it, and a poisoned one forever.
            LOG.log(Level.WARNING, "dropping an unreadable message on " + queueName, e);
        }
    }
}
