package org.diego.ejb.bbs;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import org.diego.core.api.EvacuationResponse;
import org.diego.core.evacuation.DesiredState;
import org.diego.core.evacuation.Evacuation;
import org.diego.core.evacuation.EvacuationOutcome;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.Presence;
import org.diego.core.model.RestartPolicy;
import org.diego.core.model.RunningInfo;
import org.diego.core.time.GuidGenerator;
import org.diego.core.time.Nanos;
import org.diego.ejb.persistence.DesiredLrpEntity;

/**
 * The evacuation routes: a draining cell reports each container and learns whether to keep it. Each
 * report locks the rows of its index and applies {@link Evacuation}'s decision in one transaction. A
 * refused report writes nothing and answers its error next to {@code keep_container}, as Diego does.
 */
@Stateless
public class Evacuations {
    @PersistenceContext(unitName = "bbs")
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    GuidGenerator guids;
    @Inject
    RestartPolicy restartPolicy;
    @Inject
    DesiredLrps desired;
    @Inject
    ActualLrpRows rows;

    public EvacuationResponse claimed(ActualLrpKey key, InstanceKey by) {
        ActualLrpRows.Locked locked = rows.lock(key.processGuid(), key.index());
        return answer(locked, evacuation().claimed(locked.rows(), key, by));
    }

    public EvacuationResponse crashed(ActualLrpKey key, InstanceKey by, String reason) {
        ActualLrpRows.Locked locked = rows.lock(key.processGuid(), key.index());
        return answer(locked, evacuation().crashed(locked.rows(), key, by, reason));
    }

    public EvacuationResponse stopped(ActualLrpKey key, InstanceKey by) {
        ActualLrpRows.Locked locked = rows.lock(key.processGuid(), key.index());
        return answer(locked, evacuation().stopped(locked.rows(), key, by));
    }

    public EvacuationResponse running(ActualLrpKey key, InstanceKey by, RunningInfo info) {
        // The desired row first (locked when its strategy needs it), then the index: the order a
        // desired removal takes too, so the two never wait on each other crosswise.
        DesiredState state = desiredState(key.processGuid());
        ActualLrpRows.Locked locked = rows.lock(key.processGuid(), key.index());
        return answer(locked, evacuation().running(locked.rows(), key, by, info, state));
    }

    /** Drops the evacuating row the instance key holds; not found (a refusal) when there is none. */
    public void removeEvacuating(ActualLrpKey key, InstanceKey by) {
        ActualLrpRows.Locked locked = rows.lock(key.processGuid(), key.index());
        rows.apply(locked, evacuation().removeEvacuating(locked.rows(), key, by));
    }

    private EvacuationResponse answer(ActualLrpRows.Locked locked, EvacuationOutcome outcome) {
        if (outcome.error() == null) {
            rows.apply(locked, outcome.plan());
        }
        return new EvacuationResponse(outcome.error(), outcome.keepContainer());
    }

    private DesiredState desiredState(String processGuid) {
        DesiredLrp lrp = desired.find(processGuid);
        if (lrp == null) {
            return DesiredState.ABSENT;
        }
        if (!recreates(lrp)) {
            return DesiredState.rolling(lrp.instances());
        }
        // Diego serialises "are all instances running?" on the desired row, so only one moves at a time.
        em.find(DesiredLrpEntity.class, processGuid, LockModeType.PESSIMISTIC_WRITE);
        long running = em.createQuery("SELECT COUNT(a) FROM ActualLrpEntity a WHERE a.processGuid = :guid"
                        + " AND a.presence = :presence AND a.state = :state", Long.class)
                .setParameter("guid", processGuid).setParameter("presence", Presence.ORDINARY.ordinal())
                .setParameter("state", ActualLrpState.RUNNING.name()).getSingleResult();
        return DesiredState.recreate(lrp.instances(), (int) running);
    }

    /**
     * Whether the DesiredLRP updates by recreating its instances. This branch's DesiredLRP has no
     * update_strategy yet, so every LRP rolls (Diego's default); wire the field here once it exists.
     */
    static boolean recreates(DesiredLrp lrp) {
        return false;
    }

    private Evacuation evacuation() {
        return new Evacuation(Nanos.now(clock), guids, restartPolicy, ActualLrps.NO_TRACE);
    }
}
