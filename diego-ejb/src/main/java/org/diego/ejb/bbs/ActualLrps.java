package org.diego.ejb.bbs;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.diego.core.convergence.LrpConvergencePlan;
import org.diego.core.events.ActualLrpEvents;
import org.diego.core.events.BbsEvent;
import org.diego.core.lifecycle.ActualLrpLifecycle;
import org.diego.core.lifecycle.LrpPlan;
import org.diego.core.messages.UpdateLrpInstance;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpGroup;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.model.IndexRows;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;
import org.diego.core.model.Presence;
import org.diego.core.model.RestartPolicy;
import org.diego.core.model.RunningInfo;
import org.diego.core.time.GuidGenerator;
import org.diego.core.time.Nanos;
import org.diego.ejb.cluster.Fence;
import org.diego.ejb.messaging.Messenger;
import org.diego.ejb.persistence.ActualLrpEntity;
import org.diego.ejb.persistence.DesiredLrpEntity;

/**
 * ActualLRP reads and transitions for the HTTP routes, the cells' JMS requests and convergence. A
 * transition locks every row of its index, asks {@link ActualLrpLifecycle} what to do and applies
 * that in this transaction, events included; concurrent claims of one instance serialise on the lock,
 * so exactly one cell wins. A refusal throws before anything is written (and rolls back).
 */
@Stateless
public class ActualLrps {
    /** Diego passes the request's trace id into events; requests here carry none yet. */
    static final String NO_TRACE = "";
    /** Row-constructor IN lists stay well under the driver's and the server's statement limits. */
    private static final int KEYS_PER_QUERY = 500;

    @PersistenceContext(unitName = "bbs")
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    GuidGenerator guids;
    @Inject
    RestartPolicy restartPolicy;
    @Inject
    Cells cells;
    @Inject
    Fences fences;
    @Inject
    ActualLrpRows rows;
    @Inject
    Messenger messenger;
    @Resource(lookup = "jdbc/diego")
    DataSource dataSource;

    // ---- reads ------------------------------------------------------------------------------------------

    /**
     * Diego's ActualLRPs filter: every argument optional (null or "" = any). Read with plain JDBC straight
     * into records: a listing of 100,000 rows spends no time in the provider's row records, conversions or
     * change tracking (a third of the server's time when it went through a JPQL projection; docs/10).
     * The rows are the committed ones, as with the projection (flush mode COMMIT): a read-only call.
     */
    public List<ActualLrp> list(String domain, String cellId, String processGuid, Integer index) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (!empty(domain)) {
            where.add("domain = ?");
            args.add(domain);
        }
        if (!empty(cellId)) {
            where.add("cell_id = ?");
            args.add(cellId);
        }
        if (!empty(processGuid)) {
            where.add("process_guid = ?");
            args.add(processGuid);
        }
        if (index != null) {
            where.add("instance_index = ?");
            args.add(index);
        }
        String sql = "SELECT " + ActualLrpEntity.SQL_COLUMNS + " FROM actual_lrps"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY process_guid, instance_index, presence";
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                q.setObject(i + 1, args.get(i));
            }
            List<ActualLrp> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(ActualLrpEntity.toModel(ActualLrpEntity.columns(rs)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("listing actual LRPs failed: " + e.getMessage(), e);
        }
    }

    public List<ActualLrp> byProcess(String processGuid) {
        return em.createNamedQuery("ActualLrp.byProcess", ActualLrpEntity.class).setParameter("guid", processGuid)
                .getResultStream().map(ActualLrpEntity::toModel).toList();
    }

    public List<ActualLrp> byProcessGuids(List<String> processGuids) {
        if (processGuids.isEmpty()) {
            return List.of();
        }
        // The same rows and order as the named query ActualLrp.byProcesses, read as a projection.
        return em.createQuery("SELECT " + ActualLrpEntity.COLUMNS + " FROM ActualLrpEntity a WHERE a.processGuid IN :guids"
                        + " ORDER BY a.processGuid, a.instanceIndex", Object[].class)
                .setParameter("guids", processGuids).setFlushMode(FlushModeType.COMMIT)
                .getResultStream().map(ActualLrpEntity::toModel).toList();
    }

    /** Deprecated group routes: a domain's or cell's instances grouped per index. */
    public List<ActualLrpGroup> groups(String domain, String cellId) {
        return ActualLrpGroup.resolveAll(list(domain, cellId, null, null));
    }

    public List<ActualLrpGroup> groupsByProcess(String processGuid) {
        return ActualLrpGroup.resolveAll(list(null, null, processGuid, null));
    }

    /** The group of one index; not found when the index has no row at all. */
    public ActualLrpGroup group(String processGuid, int index) {
        List<ActualLrpGroup> groups = ActualLrpGroup.resolveAll(list(null, null, processGuid, index));
        if (groups.isEmpty()) {
            throw DiegoException.notFound("actual LRP " + processGuid + "/" + index);
        }
        return groups.get(0);
    }

    /**
     * The ORDINARY rows of these instances, by {@link #instanceId}: one query per
     * {@value #KEYS_PER_QUERY} keys on the primary key (an auction round's rows, rather than one read each).
     */
    public Map<String, ActualLrp> findAll(Collection<ActualLrpKey> keys) {
        Map<String, ActualLrp> out = new HashMap<>();
        List<ActualLrpKey> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += KEYS_PER_QUERY) {
            List<ActualLrpKey> chunk = all.subList(from, Math.min(all.size(), from + KEYS_PER_QUERY));
            String sql = "SELECT " + ActualLrpEntity.SQL_COLUMNS + " FROM actual_lrps WHERE presence = ? AND"
                    + " (process_guid, instance_index) IN (" + String.join(", ", Collections.nCopies(chunk.size(), "(?, ?)")) + ")";
            try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
                q.setInt(1, Presence.ORDINARY.ordinal());
                for (int i = 0; i < chunk.size(); i++) {
                    q.setString(2 + 2 * i, chunk.get(i).processGuid());
                    q.setInt(3 + 2 * i, chunk.get(i).index());
                }
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        ActualLrp row = ActualLrpEntity.toModel(ActualLrpEntity.columns(rs));
                        out.put(instanceId(row.key().processGuid(), row.key().index()), row);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("reading actual LRPs failed: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The key of {@link #findAll}'s answer. */
    public static String instanceId(String processGuid, int index) {
        return processGuid + "/" + index;
    }

    /** The ORDINARY row for a key as it is now, or null. */
    public ActualLrp find(ActualLrpKey key) {
        ActualLrpEntity row = em.find(ActualLrpEntity.class, ActualLrpEntity.id(key.processGuid(), key.index(), Presence.ORDINARY));
        return row == null ? null : row.toModel();
    }

    // ---- cell lifecycle ---------------------------------------------------------------------------------

    public ActualLrp claim(String processGuid, int index, InstanceKey by) {
        return run(processGuid, index, (l, r) -> l.claim(r, processGuid, index, by));
    }

    /** A start with net info only (the cells' JMS start and the r0 route): routable, no routes or tags. */
    public ActualLrp start(ActualLrpKey key, InstanceKey by, NetInfo net) {
        return start(key, by, RunningInfo.of(net == null ? NetInfo.EMPTY : net));
    }

    public ActualLrp start(ActualLrpKey key, InstanceKey by, RunningInfo info) {
        return run(key.processGuid(), key.index(), (l, r) -> l.start(r, key, by, info));
    }

    /** Records the crash; an instance the back-off policy restarts at once goes straight back to auction. */
    public ActualLrp crash(ActualLrpKey key, InstanceKey by, String reason) {
        return run(key.processGuid(), key.index(), (l, r) -> l.crash(r, key, by, reason));
    }

    /** The HTTP fail route (Diego's FailActualLRP): refused unless the row is UNCLAIMED; no row is no error. */
    public void fail(ActualLrpKey key, String placementError) {
        run(key.processGuid(), key.index(), (l, r) -> l.fail(r, placementError));
    }

    /**
     * The auctioneer could not place the instance. A row that was claimed meanwhile is left alone
     * (returns false) rather than refused, so one stale failure cannot roll back a whole auction.
     */
    public boolean recordPlacementError(ActualLrpKey key, String error) {
        ActualLrpRows.Locked locked = rows.lock(key.processGuid(), key.index());
        LrpPlan plan = lifecycle().failIfUnclaimed(locked.rows(), error);
        rows.apply(locked, plan);
        return !plan.changesNothing();
    }

    /** Several auction failures in a transaction of their own (see AuctionRound#recordPlacementErrors). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordPlacementErrors(List<Map.Entry<ActualLrpKey, String>> failures) {
        failures.forEach(f -> recordPlacementError(f.getKey(), f.getValue()));
    }

    /**
     * A cell's container for this instance is gone on request. With an instance key only the row it
     * holds goes (the ORDINARY one, or a SUSPECT whose cell came back and was told to stop it).
     */
    public void remove(String processGuid, int index, InstanceKey by) {
        run(processGuid, index, (l, r) -> l.remove(r, processGuid, index, by));
    }

    /** The retire route: the ORDINARY row of the index is deleted, or stopped on its live cell. */
    public void retire(ActualLrpKey key) {
        Set<String> live = cells.liveIds();
        run(key.processGuid(), key.index(), (l, r) -> l.retire(r, key, live));
    }

    /** Stops an instance that should no longer run: deleted at once unless a live cell runs it. */
    public void retire(ActualLrp observed) {
        ActualLrpRows.Locked locked = rows.lock(observed.processGuid(), observed.index());
        ActualLrp row = switch (observed.presence()) {
            case ORDINARY -> locked.rows().ordinary();
            case EVACUATING -> locked.rows().evacuating();
            case SUSPECT -> locked.rows().suspect();
        };
        if (row != null) {
            rows.apply(locked, lifecycle().retire(row, cells.liveIds()));
        }
    }

    /**
     * Convergence step 12: asks each drifted instance's cell to update it (Diego's rep UpdateLRPInstance).
     * No row is written; the cell's start carries the new values. By the current converger only.
     */
    public void updateInstances(List<LrpConvergencePlan.InstanceUpdate> updates, Fence fence) {
        if (updates.isEmpty()) {
            return;
        }
        fences.check(fence);
        for (LrpConvergencePlan.InstanceUpdate u : updates) {
            messenger.toCell(u.instanceKey().cellId(), new UpdateLrpInstance(u.key(), u.instanceKey(),
                    u.internalRoutes(), u.metricTags()));
        }
    }

    /** Convergence's retire: as {@link #retire(ActualLrp)}, by the current converger only. */
    public void retire(ActualLrp observed, Fence fence) {
        fences.check(fence);
        retire(observed);
    }

    /**
     * New UNCLAIMED rows for a freshly desired LRP, each announced as created (as Diego's desire does).
     * The caller requests their auction. Meant for DesiredLrps.desire, which still persists its rows itself.
     */
    public List<ActualLrp> createUnclaimed(List<ActualLrpKey> keys) {
        long now = now();
        List<ActualLrp> created = new ArrayList<>(keys.size());
        for (ActualLrpKey key : keys) {
            ActualLrp row = ActualLrp.unclaimed(key, now, guids.newGuid());
            em.persist(ActualLrpEntity.of(row));
            rows.publish(ActualLrpEvents.created(row, NO_TRACE));
            rows.publish(List.of(ActualLrpEvents.groupCreated(row)));
            created.add(row);
        }
        return created;
    }

    // ---- convergence: writes conditional on the row being as the pass read it ----------------------------
    // Group events follow Diego's convergence controller step by step: each concerns the written row alone.

    /**
     * A missing index gets a new UNCLAIMED row, unless another writer created it meanwhile or its DesiredLRP
     * is gone: the pass's snapshot can predate a removal (which deletes the instances), and a row made after
     * it would be an orphan that only a fresh domain retires. The DesiredLRP's row is locked first, in the
     * order removal takes them, so a removal waits for this write and then deletes the new row too.
     */
    public boolean createMissing(ActualLrpKey key, Fence fence) {
        fences.check(fence);
        if (em.find(DesiredLrpEntity.class, key.processGuid(), LockModeType.PESSIMISTIC_READ) == null) {
            return false;
        }
        ActualLrpRows.Locked locked = rows.lock(key.processGuid(), key.index());
        if (locked.rows().ordinary() != null) {
            return false;
        }
        ActualLrp created = ActualLrp.unclaimed(key, now(), guids.newGuid());
        em.persist(ActualLrpEntity.of(created));
        rows.publish(ActualLrpEvents.created(created, NO_TRACE));
        rows.publish(List.of(ActualLrpEvents.groupCreated(created)));
        return true;
    }

    /**
     * A crashed instance whose back-off expired goes back to UNCLAIMED, only if nobody wrote the row
     * since the pass read it. Group subscribers see the row change.
     */
    public boolean unclaimIfUnchanged(ActualLrp observed, Fence fence) {
        return unclaimIfUnchanged(observed, fence, true);
    }

    /**
     * The replacement of a suspect lost its cell too and goes back to UNCLAIMED, only if unchanged. As in
     * Diego only instance subscribers hear of it: the group routes show the suspect, not this row.
     */
    public boolean unclaimReplacementIfUnchanged(ActualLrp observed, Fence fence) {
        return unclaimIfUnchanged(observed, fence, false);
    }

    private boolean unclaimIfUnchanged(ActualLrp observed, Fence fence, boolean groupsSeeIt) {
        fences.check(fence);
        ActualLrpEntity row = em.find(ActualLrpEntity.class, idOf(observed), LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            return false;
        }
        ActualLrp before = row.toModel();
        if (!before.modificationTag().equals(observed.modificationTag())) {
            return false;
        }
        ActualLrp after = before.unclaim(now());
        row.update(after);
        rows.publish(ActualLrpEvents.changed(before, after, NO_TRACE));
        if (groupsSeeIt) {
            rows.publish(ActualLrpEvents.groupChanged(before, after));
        }
        return true;
    }

    /** Deletes a row (evacuating on a lost cell, orphaned or replaced suspect) unless it changed. */
    public boolean deleteIfUnchanged(ActualLrp observed, Fence fence) {
        fences.check(fence);
        if (conditional("DELETE FROM actual_lrps", observed) != 1) {
            return false;
        }
        // The tag matched, so the deleted row is exactly the one the pass read.
        rows.publish(ActualLrpEvents.removed(observed, NO_TRACE));
        rows.publish(List.of(ActualLrpEvents.groupRemoved(observed)));
        return true;
    }

    /**
     * Convergence step 4: the instance's cell vanished. Its row becomes SUSPECT (it may still serve if
     * the cell comes back) and a new ORDINARY UNCLAIMED row takes its index for the auction. No group
     * event: the group routes go on showing the suspect until its replacement runs, as in Diego.
     */
    public boolean suspect(ActualLrp lost, ActualLrp suspect, Fence fence) {
        fences.check(fence);
        if (conditional("UPDATE actual_lrps SET presence = " + Presence.SUSPECT.ordinal()
                + ", modification_tag_index = " + suspect.modificationTag().index(), lost) != 1) {
            return false;
        }
        ActualLrp replacement = ActualLrp.unclaimed(lost.key(), now(), guids.newGuid());
        em.persist(ActualLrpEntity.of(replacement));
        List<BbsEvent> raised = new ArrayList<>(ActualLrpEvents.changed(lost, suspect, NO_TRACE));
        raised.addAll(ActualLrpEvents.created(replacement, NO_TRACE));
        rows.publish(ActualLrpEvents.ordered(raised));
        return true;
    }

    /**
     * Convergence step 9: a suspect's cell is back; its replacement (if any) goes and the suspect is
     * ORDINARY again. Group subscribers hear only of the replacement's removal, as in Diego.
     */
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
        List<BbsEvent> raised = new ArrayList<>();
        if (replacement != null) {
            raised.addAll(ActualLrpEvents.removed(replacement, NO_TRACE));
        }
        raised.addAll(ActualLrpEvents.changed(suspect, promoted, NO_TRACE));
        rows.publish(ActualLrpEvents.ordered(raised));
        if (replacement != null) {
            rows.publish(List.of(ActualLrpEvents.groupRemoved(replacement)));
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

    // ---- helpers ----------------------------------------------------------------------------------------

    /** One lifecycle step on one index: lock, plan, apply; returns the ORDINARY row as the step leaves it. */
    private ActualLrp run(String processGuid, int index, Step step) {
        ActualLrpRows.Locked locked = rows.lock(processGuid, index);
        LrpPlan plan = step.plan(lifecycle(), locked.rows());
        rows.apply(locked, plan);
        return plan.result();
    }

    @FunctionalInterface
    private interface Step {
        LrpPlan plan(ActualLrpLifecycle lifecycle, IndexRows rows);
    }

    private ActualLrpLifecycle lifecycle() {
        return new ActualLrpLifecycle(now(), guids, restartPolicy, NO_TRACE);
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
