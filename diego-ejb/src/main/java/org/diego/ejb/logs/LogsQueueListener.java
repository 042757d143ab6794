package org.diego.ejb.logs;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.json.Json;
import org.diego.core.logs.LogBatch;
import org.diego.core.messages.Destinations;
import org.diego.core.messages.MessageType;

/**
 * Consumes {@code diego.logs}: the cells' log batches. Instances compete for messages; nothing is
 * transactional (a batch lost on a crash costs log lines only). A message that is not a log batch is
 * logged and dropped; there is no reply.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "jms/diego/LogsQueue"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LogsQueueListener implements MessageListener {
    private static final Logger LOG = Logger.getLogger(LogsQueueListener.class.getName());

    @Inject
    LogIngest ingest;

    @Override
    public void onMessage(Message message) {
        try {
            String type = message.getStringProperty(Destinations.TYPE_PROPERTY);
            if (!MessageType.LOG_BATCH.wireName().equals(type) || !(message instanceof TextMessage text)) {
                LOG.warning(() -> "dropping a message on " + Destinations.LOGS_QUEUE + " that is not a text "
                        + MessageType.LOG_BATCH.wireName() + " (" + Destinations.TYPE_PROPERTY + ": " + type + ")");
                return;
            }
            ingest.accept(Json.read(text.getText(), LogBatch.class));
        } catch (JMSException | RuntimeException e) {
            // Never let a bad or unlucky batch come back: it would only be redelivered into the same failure.
            LOG.log(Level.WARNING, "dropping a log batch: " + e.getMessage(), e);
        }
    }
}
