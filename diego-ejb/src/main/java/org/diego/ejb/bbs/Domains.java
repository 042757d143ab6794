package org.diego.ejb.bbs;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import org.diego.core.model.Domain;
import org.diego.core.time.Nanos;
import org.diego.ejb.cluster.Fence;
import org.diego.ejb.persistence.DomainEntity;

/**
 * Domains and their freshness (Diego's domains): a client upserts its domain with a TTL to say "my
 * desired state for this domain is complete"; only fresh domains are destructively converged.
 */
@Stateless
public class Domains {
    @PersistenceContext(unitName = "bbs")
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    Fences fences;

    public void upsert(String name, long ttlSeconds) {
        Domain domain = Domain.upsert(name, ttlSeconds, Nanos.now(clock)).validate();
        DomainEntity row = em.find(DomainEntity.class, domain.name(), LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            em.persist(new DomainEntity(domain));
        } else {
            row.update(domain);
        }
    }

    /** Every stored domain, expired ones included (convergence prunes those). */
    public List<Domain> all() {
        return em.createNamedQuery("Domain.all", DomainEntity.class).getResultStream().map(DomainEntity::toModel).toList();
    }

    /** Names of the domains fresh now: what {@code /v1/domains/list} answers. */
    public List<String> fresh() {
        long now = Nanos.now(clock);
        return all().stream().filter(d -> d.isFreshAt(now)).map(Domain::name).toList();
    }

    /** Convergence step 1: delete expired domains, unless renewed since the pass looked. */
    public void prune(List<Domain> expired, Fence fence) {
        fences.check(fence);
        long now = Nanos.now(clock);
        for (Domain d : expired) {
            DomainEntity row = em.find(DomainEntity.class, d.name(), LockModeType.PESSIMISTIC_WRITE);
            if (row != null && !row.toModel().isFreshAt(now)) {
                em.remove(row);
            }
        }
    }
}
