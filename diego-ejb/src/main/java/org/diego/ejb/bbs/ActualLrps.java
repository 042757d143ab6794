package org.diego.ejb.bbs;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;
import org.diego.core.messages.AuctionRequest;
import org.diego.core.messages.Destinations;
import org.diego.core.messages.StopLrpInstance;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;
import org.diego.core.model.Presence;
import org.diego.core.model.RestartPolicy;
import org.diego.core.time.GuidGenerator;
import org.diego.core.time.Nanos;
import org.diego.ejb.cluster.Fence;
import org.diego.ejb.messaging.Messenger;
import org.diego.ejb.persistence.ActualLrpEntity;

/**
 * ActualLRP transitions. Each method locks the row it changes, asks the diego-core record whether
 * the move is legal, and writes the result; concurrent claims of one instance serialise on the row
 * lock, so exactly one cell wins.
 */
@Stateless
public class ActualLrps {
    @PersistenceContext(unitName = "bbs")
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    GuidGenerator guids;
    @Inject
    RestartPolicy restartPolicy;
    @Inject
    Messenger messenger;
    @Inject
    Cells cells;
    @Inject
    Fences fences;

    public List<ActualLrp> list(String domain, String cellId, String processGuid, Integer index) {
        return em.createNamedQuery("ActualLrp.all", ActualLrpEntity.class).getResultStream()
                .map(ActualLrpEntity::toModel)
                .filter(a -> empty(domain) || a.domain().equals(domain))
                .filter(a -> empty(cellId) || a.cellId().equals(cellId))
                .filter(a -> empty(processGuid) || a.processGuid().equals(processGuid))
                .filter(a -> index == null || a.index() == index)
                .toList();
    }

    public List<ActualLrp> byProcess(String processGuid) {
        return em.createNamedQuery("ActualLrp.byProcess", ActualLrpEntity.class).setParameter("guid", processGuid)
                .getResultStream().map(ActualLrpEntity::toModel).toList();
    }

    public ActualLrp claim(String processGuid, int index, InstanceKey by) {
        return transition(processGuid, index, lrp -> lrp.claim(by, now()));
    }

    public ActualLrp start(ActualLrpKey key, InstanceKey by, NetInfo net) {
        return transition(key.processGuid(), key.index(), lrp -> lrp.start(by, net == null ? NetInfo.EMPTY : net, now()));
    }

    /** Records the crash; an instance the back-off policy restarts at once goes straight back to auction. */
    public ActualLrp crash(ActualLrpKey key, InstanceKey by, String reason) {
        ActualLrpEntity suspect = suspectOwnedBy(key.processGuid(), key.index(), by);
        if (suspect != null) {
            // A suspect's container died: its replacement already holds the index, so the suspect just goes.
            ActualLrp gone = suspect.toModel();
            em.remove(suspect);
            return gone;
        }
        ActualLrp after = transition(key.processGuid(), key.index(), lrp -> lrp.crash(by, reason, now(), restartPolicy));
        if (after.state() == ActualLrpState.UNCLAIMED) {
            auction(after.key());
        }
        return after;
    }

    /**
     * A cell's container for this instance is gone on request; only the owning cell may remove it.
     * The row may be the ORDINARY one or a SUSPECT whose cell came back and was told to stop it.
     */
    public void remove(String processGuid, int index, InstanceKey by) {
        ActualLrpEntity suspect = suspectOwnedBy(processGuid, index, by);
        if (suspect != null) {
            em.remove(suspect);
            return;
        }
        ActualLrpEntity row = lock(processGuid, index);
        row.toModel().checkRemovableBy(by);
        em.remove(row);
    }

    /**
     * The auctioneer could not place the instance. A row that was claimed meanwhile is left alone
     * (returns false) rather than refused, so one stale failure cannot roll back a whole auction.
     */
    public boolean recordPlacementError(ActualLrpKey key, String error) {
        ActualLrpEntity row = lockedOrNull(key.processGuid(), key.index(), Presence.ORDINARY);
        if (row == null || row.toModel().state() != ActualLrpState.UNCLAIMED) {
            return false;
        }
        row.update(row.toModel().failPlacement(error));
        return true;
    }

    /** Convergence: a missing index gets a new UNCLAIMED row (unless another writer created it meanwhile). */
    public boolean createMissing(ActualLrpKey key, Fence fence) {
        fences.check(fence);
        if (lockedOrNull(key.processGuid(), key.index(), Presence.ORDINARY) != null) {
            return false;
        }
        em.persist(ActualLrpEntity.of(ActualLrp.unclaimed(key, now(), guids.newGuid())));
        return true;
    }

    /** Convergence: back to UNCLAIMED (cell vanished, back-off expired), only if nobody wrote the row since it looked. */
    public boolean unclaimIfUnchanged(ActualLrp observed, Fence fence) {
        fences.check(fence);
        ActualLrpEntity row = em.find(ActualLrpEntity.class, idOf(observed), LockModeType.PESSIMISTIC_WRITE);
        if (row == null || !row.toModel().modificationTag().equals(observed.modificationTag())) {
            return false;
        }
        row.update(observed.unclaim(now()));
        return true;
    }

    /** Convergence's retire: as {@link #retire(ActualLrp)}, by the current converger only. */
    public void retire(ActualLrp observed, Fence fence) {
        fences.check(fence);
        retire(observed);
    }

    /** Convergence: deletes a row (evacuating on a lost cell, orphaned or replaced suspect) unless it changed. */
    public boolean deleteIfUnchanged(ActualLrp observed, Fence fence) {
        fences.check(fence);
        return conditional("DELETE FROM actual_lrps", observed) == 1;
    }

    /**
     * Convergence step 4: the instance's cell vanished. Its row becomes SUSPECT (it may still serve if
     * the cell comes back) and a new ORDINARY UNCLAIMED row takes its index for the auction.
     */
    public boolean suspect(ActualLrp lost, ActualLrp suspect, Fence fence) {
        fences.check(fence);
        if (conditional("UPDATE actual_lrps SET presence = " + Presence.SUSPECT.ordinal()
                + ", modification_tag_index = " + suspect.modificationTag().index(), lost) != 1) {
            return false;
        }
        em.persist(ActualLrpEntity.of(ActualLrp.unclaimed(lost.key(), now(), guids.newGuid())));
        return true;
    }

    /** Convergence step 9: a suspect's cell is back; its replacement (if any) goes and the suspect is ORDINARY again. */
    public boolean promote(ActualLrp suspect, ActualLrp replacement, ActualLrp promoted, Fence fence) {
        fences.check(fence);
        if (replacement != null && conditional("DELETE FROM actual_lrps", replacement) != 1) {
            return false;
        }
        if (conditional("UPDATE actual_lrps SET presence = " + Presence.ORDINARY.ordinal()
                + ", modification_tag_index = " + promoted.modificationTag().index(), suspect) != 1) {
            throw new DiegoException(ErrorType.ResourceConflict, "suspect " + suspect.processGuid() + "/"
                    + suspect.index() + " changed during its promotion");
        }
        return true;
    }

    /**
     * Runs {@code statement} on exactly the observed row, only if its modification tag is unchanged.
     * Native SQL because presence is part of the key, which JPA cannot update.
     */
    private int conditional(String statement, ActualLrp observed) {
        return em.createNativeQuery(statement + " WHERE process_guid = ?1 AND instance_index = ?2 AND presence = ?3"
                        + " AND modification_tag_epoch = ?4 AND modification_tag_index = ?5")
                .setParameter(1, observed.processGuid()).setParameter(2, observed.index())
                .setParameter(3, observed.presence().ordinal()).setParameter(4, observed.modificationTag().epoch())
                .setParameter(5, observed.modificationTag().index()).executeUpdate();
    }

    /** Stops an instance that should no longer run: deleted at once unless a live cell runs it. */
    public void retire(ActualLrp observed) {
        ActualLrpEntity row = em.find(ActualLrpEntity.class, idOf(observed), LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            return;
        }
        ActualLrp lrp = row.toModel();
        boolean placed = lrp.state() == ActualLrpState.CLAIMED || lrp.state() == ActualLrpState.RUNNING;
        if (placed && cells.liveIds().contains(lrp.cellId())) {
            messenger.toCell(lrp.cellId(), new StopLrpInstance(lrp.key(), lrp.instanceKey()));
        } else {
            em.remove(row);
        }
    }

    /** The ORDINARY row for a key as it is now, or null. */
    public ActualLrp find(ActualLrpKey key) {
        ActualLrpEntity row = em.find(ActualLrpEntity.class, ActualLrpEntity.id(key.processGuid(), key.index(), Presence.ORDINARY));
        return row == null ? null : row.toModel();
    }

    private void auction(ActualLrpKey key) {
        messenger.toQueue(Destinations.AUCTION_QUEUE, AuctionRequest.of(key));
    }

    /** The locked SUSPECT row of this index if {@code by} owns it, else null. */
    private ActualLrpEntity suspectOwnedBy(String processGuid, int index, InstanceKey by) {
        ActualLrpEntity row = lockedOrNull(processGuid, index, Presence.SUSPECT);
        return row != null && row.toModel().instanceKey().equals(by) ? row : null;
    }

    private ActualLrp transition(String processGuid, int index, UnaryOperator<ActualLrp> move) {
        ActualLrpEntity row = lock(processGuid, index);
        ActualLrp after = move.apply(row.toModel());
        row.update(after);
        return after;
    }

    private ActualLrpEntity lock(String processGuid, int index) {
        ActualLrpEntity row = lockedOrNull(processGuid, index, Presence.ORDINARY);
        if (row == null) {
            throw DiegoException.notFound("actual LRP " + processGuid + "/" + index);
        }
        return row;
    }

    /** The row, locked FOR UPDATE for the rest of the transaction, or null when there is none. */
    private ActualLrpEntity lockedOrNull(String processGuid, int index, Presence presence) {
        return em.find(ActualLrpEntity.class, ActualLrpEntity.id(processGuid, index, presence), LockModeType.PESSIMISTIC_WRITE);
    }

    private static Object idOf(ActualLrp lrp) {
        return ActualLrpEntity.id(lrp.processGuid(), lrp.index(), lrp.presence());
    }

    private long now() {
        return Nanos.now(clock);
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}
