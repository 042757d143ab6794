package org.diego.ejb.messaging;

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
import org.diego.core.messages.Destinations;
import org.diego.core.messages.LifecycleResponse;
import org.diego.core.messages.MessageType;
import org.diego.core.model.DiegoError;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;

/**
 * Consumes {@code diego.bbs}: cell heartbeats, ActualLRP and Task lifecycle requests, a cell's sync reads
 * and evacuation reports. Instances of the
 * deployment group compete for messages. A message that cannot be decoded is logged and dropped
 * (answered with an error when it asked for a reply); the consumer never stops on bad input.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "jms/diego/BbsQueue"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BbsQueueListener implements MessageListener {
    private static final Logger LOG = Logger.getLogger(BbsQueueListener.class.getName());

    @Inject
    CellRequests requests;
    @Inject
    Messenger messenger;

    @Override
    public void onMessage(Message message) {
        Object response;
        try {
            response = requests.reply(decode(message));
        } catch (DiegoException e) {
            LOG.warning(() -> "dropping undecodable cell message: " + e.getMessage());
            response = new LifecycleResponse(e.toError());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cell request failed", e);
            response = new LifecycleResponse(new DiegoError(ErrorType.UnknownError, String.valueOf(e.getMessage())));
        }
        try {
            messenger.reply(message, response);
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot reply to cell request", e);
        }
    }

    private static Object decode(Message message) {
        try {
            String type = message.getStringProperty(Destinations.TYPE_PROPERTY);
            MessageType kind = MessageType.fromWireName(type).orElseThrow(() ->
                    new DiegoException(ErrorType.InvalidRequest, "unknown " + Destinations.TYPE_PROPERTY + ": " + type));
            if (!(message instanceof TextMessage text)) {
                throw new DiegoException(ErrorType.InvalidRequest, "expected a text message");
            }
            return Json.read(text.getText(), kind.bodyType());
        } catch (JMSException e) {
            throw new DiegoException(ErrorType.InvalidRequest, "unreadable message: " + e.getMessage());
        }
    }
}
