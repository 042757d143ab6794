package org.diego.ejb.auction;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.ejb.cluster.Fence;
import org.diego.ejb.cluster.Leadership;
import org.diego.ejb.config.DiegoConfig;

/**
 * Runs on every instance; acts only while holding the "auctioneer" role, running one
 * {@link AuctionRound} per tick. The timer callback itself has no transaction and never fails: a
 * failed timeout is redelivered and, after two failures, Payara expunges the timer for good, which
 * would silently end auctions on this instance.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Auctioneer {
    private static final Logger LOG = Logger.getLogger(Auctioneer.class.getName());
    public static final String ROLE = "auctioneer";

    @Resource
    TimerService timers;
    @Inject
    DiegoConfig config;
    @Inject
    Leadership leadership;
    @Inject
    AuctionRound round;

    private final AtomicBoolean inRound = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        long every = config.auctionInterval().toMillis();
        timers.createIntervalTimer(every, every, new TimerConfig(ROLE, false));
    }

    @PreDestroy
    void release() {
        leadership.release(ROLE);
    }

    @Timeout
    public void tick() {
        // Gathering cell state can outlast the timer interval: never run two rounds at once here.
        if (!inRound.compareAndSet(false, true)) {
            return;
        }
        try {
            OptionalLong token = leadership.hold(ROLE, config.lockTtl());
            if (token.isPresent()) {
                round.run(new Fence(ROLE, token.getAsLong()));
            }
        } catch (RuntimeException e) {
            // Includes a stale fence (LockCollision): the round rolled back and its requests stay queued.
            LOG.log(Level.WARNING, "auction round failed; the next tick retries", e);
        } finally {
            inRound.set(false);
        }
    }
}
