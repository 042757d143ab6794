package org.diego.cell.broker;

import jakarta.jms.ConnectionFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates OpenMQ's {@code com.sun.messaging.ConnectionFactory} by reflection, so the agent compiles
 * against the Jakarta Messaging API only and {@code imq.jar} (not resolvable from Maven Central as a
 * library) is needed at run time alone.
 *
 * <p>OpenMQ's own reconnect is on, bounded to {@link #RECONNECT_WINDOW}: it rides out a broker restart
 * transparently, keeping sessions and the temporary reply queue. A longer outage ends in the
 * connection's ExceptionListener, and {@link BrokerLink} then rebuilds everything. The same bound caps
 * each initial connection attempt; an unbounded one would block start-up silently inside OpenMQ.
 */
public final class OpenMq {
    static final String FACTORY_CLASS = "com.sun.messaging.ConnectionFactory";
    static final Duration RECONNECT_INTERVAL = Duration.ofSeconds(2);
    static final int RECONNECT_ATTEMPTS = 15;
    static final Duration RECONNECT_WINDOW = RECONNECT_INTERVAL.multipliedBy(RECONNECT_ATTEMPTS);
    /** Seconds between OpenMQ pings, so a silently dead broker is noticed within a few heartbeats. */
    static final int PING_INTERVAL_SECONDS = 5;

    private OpenMq() {
    }

    /** The properties set on the factory, in order (visible for tests). */
    static Map<String, String> properties(String brokerUrl, String user, String password) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("imqAddressList", brokerUrl);
        p.put("imqDefaultUsername", user);
        p.put("imqDefaultPassword", password);
        p.put("imqReconnectEnabled", "true");
        p.put("imqReconnectInterval", Long.toString(RECONNECT_INTERVAL.toMillis()));
        p.put("imqReconnectAttempts", Integer.toString(RECONNECT_ATTEMPTS));
        p.put("imqAddressListIterations", "1");
        p.put("imqPingInterval", Integer.toString(PING_INTERVAL_SECONDS));
        return p;
    }

    public static ConnectionFactory connectionFactory(String brokerUrl, String user, String password) {
        Object factory;
        Method setProperty;
        try {
            Class<?> type = Class.forName(FACTORY_CLASS);
            factory = type.getConstructor().newInstance();
            setProperty = type.getMethod("setProperty", String.class, String.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the OpenMQ client is not on the classpath: add imq.jar "
                    + "(diego-cell-agent/target/lib/imq.jar) to -cp", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + FACTORY_CLASS, e);
        }
        for (Map.Entry<String, String> p : properties(brokerUrl, user, password).entrySet()) {
            try {
                setProperty.invoke(factory, p.getKey(), p.getValue());
            } catch (InvocationTargetException e) {
                throw new IllegalArgumentException("OpenMQ refused " + p.getKey() + ": " + e.getCause().getMessage(),
                        e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot configure " + FACTORY_CLASS, e);
            }
        }
        return (ConnectionFactory) factory;
    }
}
