package org.diego.ejb.bbs;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.diego.core.events.BbsEvent;
import org.diego.core.lifecycle.LrpPlan;
import org.diego.core.lifecycle.RowWrite;
import org.diego.core.messages.AuctionRequest;
import org.diego.core.messages.StopLrpInstance;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.IndexRows;
import org.diego.core.model.Presence;
import org.diego.ejb.events.EventHub;
import org.diego.ejb.messaging.AuctionRequests;
import org.diego.ejb.messaging.Messenger;
import org.diego.ejb.persistence.ActualLrpEntity;

/**
 * The rows of one index inside the caller's transaction: locked together, then changed as a
 * {@link LrpPlan} says. The plan's events, auction request and stop message all leave only if the
 * transaction commits (the hub and {@link AuctionRequests} hold theirs until then; the JMS stop joins it).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class ActualLrpRows {
    @PersistenceContext(unitName = "bbs")
    EntityManager em;
    @Inject
    Messenger messenger;
    @Inject
    AuctionRequests auctions;
    @Inject
    EventHub events;

    /**
     * Every row of the index, locked FOR UPDATE until the transaction ends: concurrent requests for
     * one index (two cells claiming it, a start racing an evacuation) run one after the other.
     */
    public Locked lock(String processGuid, int index) {
        List<ActualLrpEntity> found = em.createNamedQuery("ActualLrp.byIndex", ActualLrpEntity.class)
                .setParameter("guid", processGuid).setParameter("index", index)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        Map<Presence, ActualLrpEntity> byPresence = new EnumMap<>(Presence.class);
        List<ActualLrp> models = new ArrayList<>(found.size());
        for (ActualLrpEntity e : found) {
            ActualLrp model = e.toModel();
            models.add(model);
            byPresence.put(model.presence(), e);
        }
        return new Locked(IndexRows.of(models), byPresence);
    }

    /**
     * Applies the plan's writes to the locked rows, then queues its events (instance events, then the
     * deprecated group events computed from the locked rows), auction and stop.
     */
    public void apply(Locked locked, LrpPlan plan) {
        for (RowWrite w : plan.writes()) {
            if (w instanceof RowWrite.Insert insert) {
                em.persist(ActualLrpEntity.of(insert.row()));
            } else if (w instanceof RowWrite.Update update) {
                locked.entity(update.before()).update(update.after());
            } else if (w instanceof RowWrite.Delete delete) {
                em.remove(locked.entity(delete.row()));
            }
        }
        publish(plan.events());
        publish(plan.groupEvents(locked.rows()));
        if (plan.auction() != null) {
            auctions.send(AuctionRequest.of(plan.auction()));
        }
        ActualLrp stop = plan.stop();
        if (stop != null) {
            messenger.toCell(stop.cellId(), new StopLrpInstance(stop.key(), stop.instanceKey()));
        }
    }

    /** Queues events for after the commit (for writes made outside a plan, e.g. convergence's native SQL). */
    public void publish(List<BbsEvent> raised) {
        raised.forEach(events::publish);
    }

    /** The locked rows of one index as records, and their managed entities for writing. */
    public static final class Locked {
        private final IndexRows rows;
        private final Map<Presence, ActualLrpEntity> entities;

        Locked(IndexRows rows, Map<Presence, ActualLrpEntity> entities) {
            this.rows = rows;
            this.entities = entities;
        }

        public IndexRows rows() {
            return rows;
        }

        private ActualLrpEntity entity(ActualLrp row) {
            ActualLrpEntity e = entities.get(row.presence());
            if (e == null) {
                throw new IllegalStateException("no locked " + row.presence() + " row for " + row.key());
            }
            return e;
        }
    }
}
