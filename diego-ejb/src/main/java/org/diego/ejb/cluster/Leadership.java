package org.diego.ejb.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.cp.IAtomicLong;
import com.hazelcast.map.IMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.ejb.bbs.Fences;

/**
 * One holder per role across the data grid, like Diego's Locket locks. A role is a map entry
 * {@code holder token} with a TTL: the holder renews it on every tick, anyone may take it once it
 * expires. Each new holder gets a larger fencing token from a grid-wide counter, so writes made
 * on behalf of a role can be ordered and a stale holder detected. Any grid error means "not the
 * holder": an instance that cannot renew stops acting at once.
 */
@ApplicationScoped
public class Leadership {
    private static final Logger LOG = Logger.getLogger(Leadership.class.getName());
    private static final String LEASES = "diego-role-leases";

    private final String me;

    @Inject
    HazelcastInstance hazelcast;
    @Inject
    Fences fences;

    public Leadership() {
        this(null, System.getProperty("com.sun.aas.instanceName", "server") + ":" + ProcessHandle.current().pid());
    }

    /** For tests: several "instances" sharing one grid. */
    Leadership(HazelcastInstance hazelcast, String me) {
        this.hazelcast = hazelcast;
        this.me = me;
    }

    /** Takes or renews the role; returns the fencing token while this instance holds it. */
    public OptionalLong hold(String role, Duration ttl) {
        try {
            IMap<String, String> leases = hazelcast.getMap(LEASES);
            // The entry lock only makes read-then-write atomic; its own lease frees it if we die here.
            if (!leases.tryLock(role, 2, TimeUnit.SECONDS, 10, TimeUnit.SECONDS)) {
                return OptionalLong.empty();
            }
            try {
                String current = leases.get(role);
                long token;
                if (current == null) {
                    token = nextToken(role);
                    LOG.info(() -> me + " now holds role " + role + " with fencing token " + token);
                } else if (holderOf(current).equals(me)) {
                    token = Long.parseLong(current.substring(current.lastIndexOf(' ') + 1));
                } else {
                    return OptionalLong.empty();
                }
                leases.set(role, me + " " + token, ttl.toMillis(), TimeUnit.MILLISECONDS);
                return OptionalLong.of(token);
            } finally {
                leases.unlock(role);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot hold role " + role + "; acting as non-holder", e);
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    /**
     * A token larger than any before it. The grid's counter is lost when every member stops, so it is
     * first raised to the highest token the database has accepted: after a full restart the new holder
     * is not mistaken for a stale one.
     */
    private long nextToken(String role) {
        IAtomicLong counter = hazelcast.getCPSubsystem().getAtomicLong("diego-fence-" + role);
        long floor = fences == null ? 0 : fences.highest(role);
        for (long seen = counter.get(); seen < floor && !counter.compareAndSet(seen, floor); seen = counter.get()) {
            // another member moved it meanwhile: look again
        }
        return counter.incrementAndGet();
    }

    /** Gives the role up on an orderly stop, so another instance takes it at its next tick, not after the TTL. */
    public void release(String role) {
        try {
            IMap<String, String> leases = hazelcast.getMap(LEASES);
            if (leases.tryLock(role, 2, TimeUnit.SECONDS, 10, TimeUnit.SECONDS)) {
                try {
                    String current = leases.get(role);
                    if (current != null && holderOf(current).equals(me)) {
                        leases.delete(role);
                        LOG.info(() -> me + " released role " + role);
                    }
                } finally {
                    leases.unlock(role);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not release role " + role + "; it expires by its TTL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Current holder of every role, for operators. */
    public Map<String, String> holders() {
        Map<String, String> out = new TreeMap<>();
        hazelcast.<String, String>getMap(LEASES).forEach((role, lease) -> out.put(role, holderOf(lease)));
        return out;
    }

    public String self() {
        return me;
    }

    private static String holderOf(String lease) {
        return lease.substring(0, lease.lastIndexOf(' '));
    }
}
