package org.diego.ejb.bridge.tps;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.bridge.tps.AppNotification;
import org.diego.core.bridge.tps.WatcherRules;
import org.diego.core.events.ActualLrpCrashed;
import org.diego.core.events.ActualLrpInstanceChanged;
import org.diego.core.events.ActualLrpInstanceRemoved;
import org.diego.core.events.BbsEvent;
import org.diego.core.events.BbsEvents;
import org.diego.core.events.EventStream;
import org.diego.core.events.PublishedEvent;
import org.diego.core.json.Json;
import org.diego.ejb.bridge.cc.CloudControllerClient;
import org.diego.ejb.cluster.Fence;
import org.diego.ejb.cluster.RoleTimer;
import org.diego.ejb.config.DiegoConfig;
import org.diego.ejb.events.EventHub;

/**
 * The TPS watcher (Diego's tps-watcher): listens to the BBS instance events and tells Cloud Controller
 * of crashes, evacuations and readiness changes of {@code cf-apps} instances ({@link WatcherRules}).
 * Every instance of the cluster receives every event (EventHub fans out over Hazelcast), so only the
 * holder of role {@code tps-watcher} posts: the role timer renews the role every second and
 * {@link Holding} says whether the last renewal still covers now. Posts go out on the managed executor,
 * once each, as Diego's watcher does (a failed one is logged, not retried); none while
 * {@code diego.cc.base-url} is unset.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TpsWatcher extends RoleTimer {
    private static final Logger LOG = Logger.getLogger(TpsWatcher.class.getName());
    public static final String ROLE = "tps-watcher";
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    /** The only event types {@link WatcherRules} reports on; the others are not even decoded. */
    private static final Set<String> WATCHED = Set.of(ActualLrpCrashed.TYPE, ActualLrpInstanceRemoved.TYPE,
            ActualLrpInstanceChanged.TYPE);

    @Inject
    EventHub hub;
    @Inject
    CloudControllerClient cc;
    @Inject
    DiegoConfig diego;
    @Inject
    Clock clock;
    @Resource
    ManagedExecutorService executor;

    /** Package-private, like {@link #posting}, so a unit test drives {@link #onEvent} without a container. */
    volatile Holding holding;
    /** Where posts run: the managed executor (tests: inline). */
    Executor posting;
    private EventHub.Subscription subscription;

    @PostConstruct
    void listen() {
        // Creates the CC client here, on a container thread: Payara does not inject a CDI bean first
        // created on the data grid's event thread (its fields stay null).
        cc.configured();
        holding = new Holding(clock);
        posting = executor;
        subscription = hub.subscribe(EventStream.LRP_INSTANCES, "", this::onEvent);
    }

    @PreDestroy
    void stopListening() {
        if (holding != null) {
            holding.release();
        }
        if (subscription != null) {
            subscription.close();
        }
    }

    @Override
    protected String role() {
        return ROLE;
    }

    @Override
    protected Duration interval() {
        return INTERVAL;
    }

    /** The lock TTL (at least three intervals), so a missed tick or two does not hand the role over. */
    @Override
    protected Duration lease() {
        Duration ttl = diego.lockTtl();
        return ttl.compareTo(INTERVAL.multipliedBy(3)) < 0 ? INTERVAL.multipliedBy(3) : ttl;
    }

    @Override
    protected void act(Fence fence) {
        Holding h = holding;
        if (h != null) {
            h.held(lease());
        }
    }

    /** Never throws: EventHub drops a subscriber whose sink fails. */
    void onEvent(PublishedEvent published) {
        try {
            Holding h = holding;
            if (h == null || !h.holding() || !cc.configured()) {
                return;
            }
            report(published).ifPresent(this::send);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "TPS watcher could not handle a " + published.type() + " event", e);
        }
    }

    /** What CC must be told of an event as EventHub delivers it; types the rules ignore are not decoded. */
    static Optional<AppNotification> report(PublishedEvent published) {
        if (!WATCHED.contains(published.type())) {
            return Optional.empty();
        }
        BbsEvent event = Json.read(published.json(), BbsEvents.classOf(published.type()));
        return WatcherRules.of(event);
    }

    private void send(AppNotification n) {
        posting.execute(() -> {
            try {
                cc.notify(n);
                LOG.fine(() -> "told CC " + n.path());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "failed to tell CC " + n.path() + ": " + e.getMessage());
            }
        });
    }
}
