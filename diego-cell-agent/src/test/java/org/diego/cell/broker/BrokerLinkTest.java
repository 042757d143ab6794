package org.diego.cell.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.jms.ExceptionListener;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class BrokerLinkTest {
    private static final Duration RETRY = Duration.ofMillis(1);

    /** A connection that only remembers its exception listener and whether it was closed. */
    static final class FakeConnection {
        volatile ExceptionListener listener;
        volatile boolean closed;
        final JMSContext context = (JMSContext) Proxy.newProxyInstance(JMSContext.class.getClassLoader(),
                new Class<?>[] {JMSContext.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setExceptionListener" -> listener = (ExceptionListener) args[0];
                        case "close" -> closed = true;
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "toString" -> {
                            return "FakeConnection";
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
    }

    /** Records attach/detach in order; can be told to fail its next attach. */
    static final class Recorder implements BrokerAttachment {
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile boolean failNextAttach;

        @Override
        public void attach(JMSContext connection) {
            if (failNextAttach) {
                failNextAttach = false;
                throw new JMSRuntimeException("session creation failed");
            }
            events.add("attach");
        }

        @Override
        public void detach() {
            events.add("detach");
        }
    }

    private final List<FakeConnection> connections = new CopyOnWriteArrayList<>();
    private final Recorder recorder = new Recorder();

    @Test
    void retriesUntilTheBrokerAnswers() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        BrokerLink link = new BrokerLink("mq://test", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new JMSRuntimeException("Connection refused");
            }
            return newConnection();
        }, List.of(recorder), RETRY);

        assertTrue(link.connect(Duration.ofSeconds(5)));

        assertEquals(3, attempts.get());
        assertEquals(List.of("attach"), recorder.events);
        assertTrue(link.connected());
    }

    @Test
    void givesUpAfterTheStartTimeout() throws Exception {
        BrokerLink link = new BrokerLink("mq://test", () -> {
            throw new JMSRuntimeException("Connection refused");
        }, List.of(recorder), RETRY);

        assertFalse(link.connect(Duration.ofMillis(50)));
        assertFalse(link.connected());
    }

    @Test
    void aFailedAttachClosesThatConnectionAndRetries() throws Exception {
        recorder.failNextAttach = true;
        BrokerLink link = new BrokerLink("mq://test", this::newConnection, List.of(recorder), RETRY);

        assertTrue(link.connect(Duration.ofSeconds(5)));

        assertEquals(2, connections.size());
        assertTrue(connections.get(0).closed);
        assertFalse(connections.get(1).closed);
        assertEquals(List.of("detach", "attach"), recorder.events);
    }

    @Test
    void aConnectionLostForGoodIsRebuilt() throws Exception {
        BrokerLink link = new BrokerLink("mq://test", this::newConnection, List.of(recorder), RETRY);
        assertTrue(link.connect(Duration.ofSeconds(5)));
        FakeConnection first = connections.get(0);

        first.listener.onException(new JMSException("[C4002]: Read packet failed"));

        awaitTrue(() -> recorder.events.size() == 3, "detached and re-attached");
        assertEquals(List.of("attach", "detach", "attach"), recorder.events);
        assertTrue(first.closed);
        assertEquals(2, connections.size());
        awaitTrue(link::connected, "connected again");

        first.listener.onException(new JMSException("stale connection reporting again"));
        Thread.sleep(50);
        assertEquals(3, recorder.events.size(), "a stale connection's errors are ignored");
    }

    @Test
    void closeDetachesAndIgnoresLaterLosses() throws Exception {
        BrokerLink link = new BrokerLink("mq://test", this::newConnection, List.of(recorder), RETRY);
        assertTrue(link.connect(Duration.ofSeconds(5)));

        link.close();
        connections.get(0).listener.onException(new JMSException("closing"));
        Thread.sleep(50);

        assertEquals(List.of("attach", "detach"), recorder.events);
        assertTrue(connections.get(0).closed);
        assertFalse(link.connect(Duration.ofSeconds(1)), "a closed link does not connect again");
    }

    private JMSContext newConnection() {
        FakeConnection connection = new FakeConnection();
        connections.add(connection);
        return connection.context;
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }
}
