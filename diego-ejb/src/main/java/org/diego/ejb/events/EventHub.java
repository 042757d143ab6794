package org.diego.ejb.events;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.events.BbsEvent;
import org.diego.core.events.EventStream;
import org.diego.core.events.PublishedEvent;

/**
 * Fans BBS events out to subscribers on every Payara instance. An event published inside a
 * transaction is held until that transaction commits (a rolled-back change raises no event); it then
 * goes to a Hazelcast topic that every instance listens to, so a subscriber connected to one instance
 * sees changes made on the other. Encoding and publishing run after the commit on a background thread,
 * one batch after another in commit order ({@link SerialExecutor} on one thread made once by the
 * server's thread factory: handing each batch to a managed executor captured the caller's context per
 * task, a class-loader scan that cost a visible share of a desire's CPU), so neither the transaction nor the
 * request waits for them. Each grid message names its streams first, and an instance with no local
 * subscriber for them skips it without decoding. Like Diego's hub, delivery is best effort: a
 * subscriber that needs every change re-reads state when it (re)connects.
 */
@ApplicationScoped
public class EventHub {
    private static final Logger LOG = Logger.getLogger(EventHub.class.getName());
    static final String TOPIC = "diego-bbs-events";
    private static final Object PENDING = EventHub.class.getName() + ".pending";

    @Inject
    HazelcastInstance hazelcast;
    @Resource
    TransactionSynchronizationRegistry transactions;
    @Resource
    ManagedThreadFactory threads;

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private UUID listener;
    private SerialExecutor publisher;
    private ExecutorService thread;

    @PostConstruct
    void listen() {
        thread = threads != null ? Executors.newSingleThreadExecutor(threads) : null;
        publisher = new SerialExecutor(thread != null ? thread : Runnable::run);
        ITopic<String> topic = hazelcast.getTopic(TOPIC);
        listener = topic.addMessageListener(message -> receive(message.getMessageObject()));
    }

    @PreDestroy
    void stop() {
        if (thread != null) {
            thread.shutdown();
        }
        try {
            hazelcast.getTopic(TOPIC).removeMessageListener(listener);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "grid already stopped", e);
        }
    }

    /** Publishes after the current transaction commits, or now when there is none. */
    public void publish(BbsEvent event) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            send(List.of(event));
            return;
        }
        @SuppressWarnings("unchecked")
        List<BbsEvent> pending = (List<BbsEvent>) transactions.getResource(PENDING);
        if (pending == null) {
            List<BbsEvent> batch = new ArrayList<>();
            transactions.putResource(PENDING, batch);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        send(batch);
                    }
                }
            });
            pending = batch;
        }
        pending.add(event);
    }

    /** Registers a local subscriber; {@code cellId} "" receives every event of the stream. */
    public Subscription subscribe(EventStream stream, String cellId, Consumer<PublishedEvent> sink) {
        Subscription s = new Subscription(stream, cellId == null ? "" : cellId, sink);
        subscriptions.add(s);
        return s;
    }

    /** Hands the committed events to the background publisher; never fails the caller. */
    private void send(List<BbsEvent> events) {
        try {
            publisher.execute(() -> encodeAndPublish(events));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not publish " + events.size() + " BBS event(s)", e);
        }
    }

    private void encodeAndPublish(List<BbsEvent> events) {
        try {
            ITopic<String> topic = hazelcast.getTopic(TOPIC);
            for (BbsEvent e : events) {
                topic.publish(PublishedEvent.of(e).encodeRouted());
            }
        } catch (RuntimeException e) {
            // The change is committed; only its notification is lost, as when a Diego subscriber drops.
            LOG.log(Level.WARNING, "could not publish " + events.size() + " BBS event(s)", e);
        }
    }

    /** A grid message: decoded only when a local subscriber listens to one of its streams. */
    void receive(String text) {
        if (subscriptions.isEmpty()) {
            return;
        }
        Set<EventStream> streams = PublishedEvent.routedStreams(text);
        if (streams != null && subscriptions.stream().noneMatch(s -> streams.contains(s.stream))) {
            return;
        }
        deliver(PublishedEvent.decodeRouted(text));
    }

    private void deliver(PublishedEvent event) {
        for (Subscription s : subscriptions) {
            if (event.matches(s.stream, s.cellId)) {
                try {
                    s.sink.accept(event);
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "subscriber failed; dropping it", e);
                    s.close();
                }
            }
        }
    }

    /** A local subscriber; closing it stops delivery. */
    public final class Subscription implements AutoCloseable {
        private final EventStream stream;
        private final String cellId;
        private final Consumer<PublishedEvent> sink;

        private Subscription(EventStream stream, String cellId, Consumer<PublishedEvent> sink) {
            this.stream = stream;
            this.cellId = cellId;
            this.sink = sink;
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }
}
