package org.diego.cell.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenMqTest {
    @Test
    void configuresAddressCredentialsAndBoundedReconnect() {
        Map<String, String> p = OpenMq.properties("mq://127.0.0.1:27676", "guest", "secret");

        assertEquals("mq://127.0.0.1:27676", p.get("imqAddressList"));
        assertEquals("guest", p.get("imqDefaultUsername"));
        assertEquals("secret", p.get("imqDefaultPassword"));
        assertEquals("true", p.get("imqReconnectEnabled"));
        assertEquals("2000", p.get("imqReconnectInterval"));
        assertEquals("15", p.get("imqReconnectAttempts"), "bounded: an unbounded value also blocks start-up forever");
        assertEquals("1", p.get("imqAddressListIterations"));
    }

    @Test
    void namesTheMissingJarWhenOpenMqIsAbsent() {
        // imq.jar is only copied to target/lib at package time, so it is not on the test classpath.
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OpenMq.connectionFactory("mq://127.0.0.1:1", "guest", "guest"));
        assertTrue(e.getMessage().contains("imq.jar"), e.getMessage());
    }
}
