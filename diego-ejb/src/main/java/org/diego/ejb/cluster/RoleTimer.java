package org.diego.ejb.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The shape of a cluster job (auctioneer, converger): a non-persistent interval timer on every
 * instance whose tick acts only while this instance holds the job's role, with the role's fencing
 * token. The tick has no transaction and never fails: Payara redelivers a failed timeout once and
 * then expunges the timer for good, which would silently end the job on this instance. Ticks never
 * overlap on one instance, however long {@link #act} takes.
 */
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public abstract class RoleTimer {
    private static final Logger LOG = Logger.getLogger(RoleTimer.class.getName());

    @Resource
    TimerService timers;
    @Inject
    protected Leadership leadership;

    private final AtomicBoolean acting = new AtomicBoolean();

    protected abstract String role();

    protected abstract Duration interval();

    /** How long one hold lasts without renewal. */
    protected abstract Duration lease();

    /** The job's work, done while holding the role; writes carry {@code fence}. */
    protected abstract void act(Fence fence);

    @PostConstruct
    void schedule() {
        long every = interval().toMillis();
        timers.createIntervalTimer(every, every, new TimerConfig(role(), false));
    }

    @PreDestroy
    void release() {
        leadership.release(role());
    }

    /**
     * Renews the role in the middle of a long {@link #act}: true while this instance still holds it with
     * the same token. A job that gets false stops at once (its further writes would be fenced anyway).
     */
    protected boolean renew(Fence fence) {
        OptionalLong token = leadership.hold(role(), lease());
        return token.isPresent() && token.getAsLong() == fence.token();
    }

    @Timeout
    public void tick() {
        if (!acting.compareAndSet(false, true)) {
            return;
        }
        try {
            OptionalLong token = leadership.hold(role(), lease());
            if (token.isPresent()) {
                act(new Fence(role(), token.getAsLong()));
            }
        } catch (RuntimeException e) {
            // Includes LockCollision: a newer holder has written, so this one stops at once.
            LOG.log(Level.WARNING, role() + " tick failed; the next tick retries", e);
        } finally {
            acting.set(false);
        }
    }
}
