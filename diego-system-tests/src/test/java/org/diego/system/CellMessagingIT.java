package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The cluster's side of the cell protocol, spoken over the real broker with the OpenMQ client the
 * cells use: malformed messages are dropped without stopping the consumer, and an invalid lifecycle
 * request is answered with an error naming the field.
 */
class CellMessagingIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConnectionFactory brokerConnection() throws Exception {
        Path imq = Cluster.ROOT.resolve("diego-cell-agent/target/lib/imq.jar");
        ClassLoader loader = new URLClassLoader(new URL[] {imq.toUri().toURL()}, CellMessagingIT.class.getClassLoader());
        Object cf = loader.loadClass("com.sun.messaging.ConnectionFactory").getConstructor().newInstance();
        String broker = "mq://" + System.getenv().getOrDefault("DIEGO_BROKER_HOST", "127.0.0.1") + ":"
                + System.getenv().getOrDefault("DIEGO_BROKER_PORT", "27676");
        cf.getClass().getMethod("setProperty", String.class, String.class).invoke(cf, "imqAddressList", broker);
        return (ConnectionFactory) cf;
    }

    @Test
    void malformedMessagesAreDroppedAndTheConsumerKeepsWorking() throws Exception {
        try (JMSContext jms = brokerConnection().createContext()) {
            Queue bbs = jms.createQueue("diego.bbs");
            jms.createProducer().setProperty("diego_type", "cell_heartbeat").send(bbs, "{not json");
            jms.createProducer().setProperty("diego_type", "no_such_type").send(bbs, "{}");
            jms.createProducer().send(bbs, "no type at all");
            jms.createProducer().setProperty("diego_type", "cell_heartbeat").send(bbs, jms.createBytesMessage());

            TemporaryQueue replies = jms.createTemporaryQueue();
            TextMessage claim = jms.createTextMessage("{\"process_guid\": \"x\", \"index\": 0}");
            claim.setStringProperty("diego_type", "claim_actual_lrp");
            claim.setJMSReplyTo(replies);
            jms.createProducer().send(bbs, claim);
            Message reply = jms.createConsumer(replies).receive(30_000);
            assertNotNull(reply, "an invalid request is still answered");
            assertEquals("lifecycle_response", reply.getStringProperty("diego_type"));
            assertEquals(claim.getJMSMessageID(), reply.getJMSCorrelationID());
            JsonNode error = JSON.readTree(reply.getBody(String.class)).path("error");
            assertEquals("InvalidRequest", error.path("type").asText());
            assertTrue(error.path("message").asText().contains("actual_lrp_instance_key"), error.toString());
        }
        // Heartbeats are still consumed after the garbage: the cells outlive their 12 s presence TTL.
        Cluster.sleep(14_000);
        String api = Cluster.apis().get(0);
        Cluster.await("cells still live", Duration.ofSeconds(30), () -> Cluster.liveCells(api).containsAll(Set.of("cell-1", "cell-2")),
                () -> Cluster.liveCells(api));
    }

}
