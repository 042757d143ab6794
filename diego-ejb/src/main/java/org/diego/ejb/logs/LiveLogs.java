package org.diego.ejb.logs;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.json.Json;
import org.diego.core.logs.LogEnvelope;

/**
 * Live log lines for streaming subscribers on every instance: each batch a cell delivered (to whichever
 * instance consumed it) is published once on the Hazelcast topic {@value #TOPIC} as a JSON array of
 * envelopes, and each instance hands the lines to its local subscribers of their log guid. Best effort
 * like Loggregator's streams: a subscriber that went away, or fails, is dropped.
 */
@ApplicationScoped
public class LiveLogs {
    private static final Logger LOG = Logger.getLogger(LiveLogs.class.getName());
    static final String TOPIC = "diego-logs";

    @Inject
    HazelcastInstance hazelcast;

    private final Map<String, Set<Subscription>> subscribers = new ConcurrentHashMap<>();
    private UUID listener;

    public LiveLogs() {
    }

    LiveLogs(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        listen();
    }

    @PostConstruct
    void listen() {
        ITopic<String> topic = hazelcast.getTopic(TOPIC);
        listener = topic.addMessageListener(m -> deliver(m.getMessageObject()));
    }

    @PreDestroy
    void stop() {
        try {
            hazelcast.getTopic(TOPIC).removeMessageListener(listener);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "grid already stopped", e);
        }
    }

    /** Publishes one batch's valid envelopes to every instance. */
    public void publish(List<LogEnvelope> envelopes) {
        if (!envelopes.isEmpty()) {
            hazelcast.<String>getTopic(TOPIC).publishAsync(Json.write(envelopes));
        }
    }

    /** Lines of {@code logGuid} published from now on go to {@code sink} until the subscription is closed. */
    public Subscription subscribe(String logGuid, Consumer<LogEnvelope> sink) {
        Subscription s = new Subscription(logGuid, sink);
        subscribers.computeIfAbsent(logGuid, g -> new CopyOnWriteArraySet<>()).add(s);
        return s;
    }

    int subscriberCount(String logGuid) {
        Set<Subscription> set = subscribers.get(logGuid);
        return set == null ? 0 : set.size();
    }

    private void deliver(String json) {
        if (subscribers.isEmpty()) {
            return;
        }
        LogEnvelope[] envelopes;
        try {
            envelopes = Json.read(json, LogEnvelope[].class);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "undecodable live log message", e);
            return;
        }
        for (LogEnvelope e : envelopes) {
            Set<Subscription> set = subscribers.get(e.logGuid());
            if (set == null) {
                continue;
            }
            for (Subscription s : set) {
                try {
                    s.sink.accept(e);
                } catch (RuntimeException failure) {
                    LOG.log(Level.FINE, "log subscriber failed; dropping it", failure);
                    s.close();
                }
            }
        }
    }

    /** One local subscriber of one log guid. */
    public final class Subscription implements AutoCloseable {
        private final String logGuid;
        private final Consumer<LogEnvelope> sink;

        private Subscription(String logGuid, Consumer<LogEnvelope> sink) {
            this.logGuid = logGuid;
            this.sink = sink;
        }

        @Override
        public void close() {
            subscribers.computeIfPresent(logGuid, (g, set) -> {
                set.remove(this);
                return set.isEmpty() ? null : set;
            });
        }
    }
}
