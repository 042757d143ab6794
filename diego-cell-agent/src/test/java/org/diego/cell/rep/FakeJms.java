package org.diego.cell.rep;

import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Just enough of Jakarta Messaging, in memory, to drive the JMS classes without a broker: contexts,
 * queues, text messages, fluent producers and listener consumers. Every send is recorded and handed
 * synchronously to {@link #onSend}, so a reply can be delivered before {@code send} returns, as it can
 * on a real broker; listeners run on one separate thread, as a session's would.
 */
final class FakeJms {
    /** A message as sent: destination, body, properties and headers. */
    static final class Sent {
        final String destination;
        final String body;
        final Map<String, Object> properties = new HashMap<>();
        String messageId;
        String correlationId;
        Destination replyTo;
        int deliveryMode = jakarta.jms.DeliveryMode.PERSISTENT;
        long timeToLive;

        Sent(String destination, String body) {
            this.destination = destination;
            this.body = body;
        }
    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final Map<String, MessageListener> listeners = new HashMap<>();
    volatile Consumer<Sent> onSend = s -> { };
    volatile boolean failSends;
    private volatile Thread deliveryThread;
    private final ExecutorService listenerThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-jms-listener");
        t.setDaemon(true);
        deliveryThread = t;
        return t;
    });
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger temps = new AtomicInteger();

    JMSContext connection() {
        return context();
    }

    /**
     * Delivers a text message to whoever listens on {@code destination}, on the fake's one listener
     * thread like a JMS session would. When called from inside a send (a reply racing the request),
     * waits until the listener has either finished or blocked on a lock the sender holds.
     */
    Future<?> deliver(String destination, String body, Map<String, Object> properties, String correlationId) {
        return deliver(destination, body, properties, correlationId, null, null);
    }

    /** Delivers a request that names a reply destination and carries a message id. */
    Future<?> deliver(String destination, String body, Map<String, Object> properties, String correlationId,
                      Destination replyTo, String messageId) {
        Sent message = new Sent(destination, body);
        message.properties.putAll(properties);
        message.correlationId = correlationId;
        message.replyTo = replyTo;
        message.messageId = messageId;
        Future<?> delivery = listenerThread.submit(() -> {
            MessageListener listener = listeners.get(destination);
            if (listener != null) {
                listener.onMessage(textMessage(message));
            }
        });
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!delivery.isDone() && deliveryThread.getState() != Thread.State.BLOCKED
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return delivery;
    }

    /** Delivers and waits until the listener returned. */
    void deliverNow(String destination, String body, Map<String, Object> properties, String correlationId)
            throws Exception {
        deliver(destination, body, properties, correlationId).get(2, TimeUnit.SECONDS);
    }

    private JMSContext context() {
        return proxy(JMSContext.class, (p, m, a) -> switch (m.getName()) {
            case "createContext" -> context();
            case "createQueue" -> queue((String) a[0], false);
            case "createTemporaryQueue" -> queue("temp-" + temps.incrementAndGet(), true);
            case "createTextMessage" -> textMessage(new Sent(null, (String) a[0]));
            case "createProducer" -> producer();
            case "createConsumer" -> consumer(name((Destination) a[0]));
            case "close", "setExceptionListener" -> null;
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }

    private Object producer() {
        Sent settings = new Sent(null, null);
        return proxy(jakarta.jms.JMSProducer.class, (p, m, a) -> switch (m.getName()) {
            case "setDeliveryMode" -> {
                settings.deliveryMode = (Integer) a[0];
                yield p;
            }
            case "setTimeToLive" -> {
                settings.timeToLive = (Long) a[0];
                yield p;
            }
            case "setProperty" -> {
                settings.properties.put((String) a[0], a[1]);
                yield p;
            }
            case "setJMSReplyTo" -> {
                settings.replyTo = (Destination) a[0];
                yield p;
            }
            case "setJMSCorrelationID" -> {
                settings.correlationId = (String) a[0];
                yield p;
            }
            case "send" -> {
                send(settings, (Destination) a[0], a[1]);
                yield p;
            }
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }

    private void send(Sent settings, Destination to, Object payload) throws Exception {
        if (failSends) {
            throw new JMSRuntimeException("[C4001]: Write packet failed");
        }
        Sent message;
        if (payload instanceof TextMessage text) {
            message = new Sent(name(to), text.getText());
            message.properties.put("diego_type", text.getStringProperty("diego_type"));
            message.replyTo = text.getJMSReplyTo();
            message.messageId = "ID:" + ids.incrementAndGet();
            text.setJMSMessageID(message.messageId);
        } else {
            message = new Sent(name(to), (String) payload);
            message.messageId = "ID:" + ids.incrementAndGet();
        }
        message.properties.putAll(settings.properties);
        message.deliveryMode = settings.deliveryMode;
        if (settings.correlationId != null) {
            message.correlationId = settings.correlationId;
        }
        message.timeToLive = settings.timeToLive;
        if (settings.replyTo != null) {
            message.replyTo = settings.replyTo;
        }
        sent.add(message);
        onSend.accept(message);
    }

    private Object consumer(String destination) {
        return proxy(jakarta.jms.JMSConsumer.class, (p, m, a) -> switch (m.getName()) {
            case "setMessageListener" -> {
                listeners.put(destination, (MessageListener) a[0]);
                yield null;
            }
            case "close" -> null;
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }

    private static Queue queue(String name, boolean temporary) {
        Class<? extends Queue> type = temporary ? TemporaryQueue.class : Queue.class;
        return proxy(type, (p, m, a) -> switch (m.getName()) {
            case "getQueueName", "toString" -> name;
            case "hashCode" -> name.hashCode();
            case "equals" -> a[0] instanceof Queue q && name.equals(q.getQueueName());
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }

    private static TextMessage textMessage(Sent state) {
        return proxy(TextMessage.class, (p, m, a) -> switch (m.getName()) {
            case "getText" -> state.body;
            case "getBody" -> state.body;
            case "setStringProperty" -> {
                state.properties.put((String) a[0], a[1]);
                yield null;
            }
            case "getStringProperty" -> (String) state.properties.get((String) a[0]);
            case "setJMSReplyTo" -> {
                state.replyTo = (Destination) a[0];
                yield null;
            }
            case "getJMSReplyTo" -> state.replyTo;
            case "setJMSMessageID" -> {
                state.messageId = (String) a[0];
                yield null;
            }
            case "getJMSMessageID" -> state.messageId;
            case "getJMSCorrelationID" -> state.correlationId;
            case "toString" -> "FakeTextMessage(" + state.body + ")";
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }

    /** A temporary queue of this fake, as a requester would name in JMSReplyTo. */
    Queue temporaryQueue() {
        return queue("temp-" + temps.incrementAndGet(), true);
    }

    /** The name of a queue made by this fake. */
    static String name(Destination destination) {
        try {
            return ((Queue) destination).getQueueName();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
