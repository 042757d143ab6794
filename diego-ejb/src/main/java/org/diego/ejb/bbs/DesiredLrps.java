package org.diego.ejb.bbs;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.List;
import java.util.stream.IntStream;
import org.diego.core.messages.AuctionRequest;
import org.diego.core.messages.Destinations;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.model.ModificationTag;
import org.diego.core.time.GuidGenerator;
import org.diego.core.time.Nanos;
import org.diego.ejb.messaging.Messenger;
import org.diego.ejb.persistence.ActualLrpEntity;
import org.diego.ejb.persistence.DesiredLrpEntity;

/** Desire, read and remove DesiredLRPs. */
@Stateless
public class DesiredLrps {
    @PersistenceContext(unitName = "bbs")
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    GuidGenerator guids;
    @Inject
    Messenger messenger;
    @Inject
    ActualLrps actuals;

    /** Stores the DesiredLRP, creates one UNCLAIMED ActualLRP per index and asks for their auction. */
    public void desire(DesiredLrp requested) {
        requested.validate();
        if (em.find(DesiredLrpEntity.class, requested.processGuid()) != null) {
            throw exists(requested.processGuid());
        }
        DesiredLrp lrp = requested.withModificationTag(new ModificationTag(guids.newGuid(), 0));
        em.persist(DesiredLrpEntity.of(lrp));
        try {
            // A concurrent desire of the same guid waits on our insert and then fails on the key: no
            // locking read here, since FOR UPDATE on a missing row takes a gap lock and deadlocks the two.
            em.flush();
        } catch (PersistenceException duplicate) {
            throw exists(requested.processGuid());
        }
        long now = Nanos.now(clock);
        IntStream.range(0, lrp.instances()).forEach(i -> em.persist(ActualLrpEntity.of(
                ActualLrp.unclaimed(new ActualLrpKey(lrp.processGuid(), i, lrp.domain()), now, guids.newGuid()))));
        if (lrp.instances() > 0) {
            messenger.toQueue(Destinations.AUCTION_QUEUE, new AuctionRequest(lrp.processGuid(), lrp.domain(),
                    IntStream.range(0, lrp.instances()).boxed().toList()));
        }
    }

    private static DiegoException exists(String processGuid) {
        return new DiegoException(ErrorType.ResourceExists, "the requested resource already exists: desired LRP " + processGuid);
    }

    /** Deletes the DesiredLRP; its instances are stopped on their cells or deleted when they have none. */
    public void remove(String processGuid) {
        DesiredLrpEntity row = em.find(DesiredLrpEntity.class, processGuid, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw DiegoException.notFound("desired LRP " + processGuid);
        }
        em.remove(row);
        actuals.byProcess(processGuid).forEach(actuals::retire);
    }

    public DesiredLrp get(String processGuid) {
        DesiredLrp lrp = find(processGuid);
        if (lrp == null) {
            throw DiegoException.notFound("desired LRP " + processGuid);
        }
        return lrp;
    }

    /** Like {@link #get} but null when absent: a refusal would roll back the caller's transaction. */
    public DesiredLrp find(String processGuid) {
        DesiredLrpEntity row = em.find(DesiredLrpEntity.class, processGuid);
        return row == null ? null : row.toModel();
    }

    public List<DesiredLrp> list(String domain) {
        var query = domain == null || domain.isEmpty()
                ? em.createNamedQuery("DesiredLrp.all", DesiredLrpEntity.class)
                : em.createNamedQuery("DesiredLrp.byDomain", DesiredLrpEntity.class).setParameter("domain", domain);
        return query.getResultStream().map(DesiredLrpEntity::toModel).toList();
    }

    public List<DesiredLrp.SchedulingInfo> schedulingInfos() {
        return em.createNamedQuery("DesiredLrp.all", DesiredLrpEntity.class)
                .getResultStream().map(DesiredLrpEntity::schedulingInfo).toList();
    }
}
