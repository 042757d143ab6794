package org.diego.ejb.bbs;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.diego.core.model.CellPresence;
import org.diego.core.time.Nanos;
import org.diego.ejb.config.DiegoConfig;
import org.diego.ejb.persistence.CellPresenceEntity;

/** Cell presences with a TTL, like Diego's Locket presences: a cell is live while it heart-beats. */
@Stateless
public class Cells {
    @PersistenceContext(unitName = "bbs")
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    DiegoConfig config;

    public void heartbeat(CellPresence cell) {
        cell.validate();
        long expiresAt = Nanos.now(clock) + config.presenceTtl().toNanos();
        CellPresenceEntity row = em.find(CellPresenceEntity.class, cell.cellId(), LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            em.persist(new CellPresenceEntity(cell, expiresAt));
        } else {
            row.renew(cell, expiresAt);
        }
    }

    public List<CellPresence> live() {
        return em.createNamedQuery("CellPresence.live", CellPresenceEntity.class)
                .setParameter("now", Nanos.now(clock))
                .getResultStream().map(CellPresenceEntity::toModel).toList();
    }

    public Set<String> liveIds() {
        return live().stream().map(CellPresence::cellId).collect(Collectors.toSet());
    }
}
