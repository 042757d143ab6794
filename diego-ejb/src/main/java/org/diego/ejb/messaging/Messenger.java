package org.diego.ejb.messaging;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.Destination;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import org.diego.core.json.Json;
import org.diego.core.messages.Destinations;
import org.diego.core.messages.MessageType;

/**
 * Sends JSON messages tagged with their {@code diego_type}. Called inside a transaction the send
 * joins it, so a message leaves only if the database change that caused it commits.
 */
@Stateless
public class Messenger {
    @Inject
    @JMSConnectionFactory("jms/diego/ConnectionFactory")
    JMSContext jms;

    public void toQueue(String physicalName, Object body) {
        send(jms.createQueue(physicalName), body, null);
    }

    public void toCell(String cellId, Object body) {
        toQueue(Destinations.cellQueue(cellId), body);
    }

    /** Answers a request/reply message on the requester's reply destination. */
    public void reply(Message request, Object body) throws jakarta.jms.JMSException {
        Destination replyTo = request.getJMSReplyTo();
        if (replyTo != null) {
            send(replyTo, body, request.getJMSMessageID());
        }
    }

    private void send(Destination to, Object body, String correlationId) {
        var producer = jms.createProducer().setProperty(Destinations.TYPE_PROPERTY, MessageType.of(body).wireName());
        if (correlationId != null) {
            producer.setJMSCorrelationID(correlationId);
        }
        producer.send(to, Json.write(body));
    }
}
