package org.diego.ejb.bbs;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.diego.core.api.DesiredLRPsRequest;
import org.diego.core.events.DesiredLrpChanged;
import org.diego.core.events.DesiredLrpCreated;
import org.diego.core.events.DesiredLrpRemoved;
import org.diego.core.messages.AuctionRequest;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.DesiredLrpSchedulingInfo;
import org.diego.core.model.DesiredLrpUpdate;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.model.MetricTagValue;
import org.diego.core.model.ModificationTag;
import org.diego.core.model.Presence;
import org.diego.core.model.Validation;
import org.diego.core.time.GuidGenerator;
import org.diego.core.time.Nanos;
import org.diego.ejb.events.EventHub;
import org.diego.ejb.messaging.AuctionRequests;
import org.diego.ejb.persistence.DesiredLrpEntity;

/**
 * Desire, update, read and remove DesiredLRPs. Writes lock the desired row, so concurrent updates of
 * one LRP apply one after the other; each raises its event in the same transaction (sent on commit).
 */
@Stateless
public class DesiredLrps {
    /** IN lists of guids stay well under the driver's and the server's statement limits. */
    private static final int GUIDS_PER_QUERY = 500;

    @PersistenceContext(unitName = "bbs")
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    GuidGenerator guids;
    @Inject
    AuctionRequests auctions;
    @Inject
    ActualLrps actuals;
    @Inject
    EventHub events;
    @Resource
    SessionContext context;

    /** Stores the DesiredLRP, creates one UNCLAIMED ActualLRP per index and asks for their auction. */
    public DesiredLrp desire(DesiredLrp requested) {
        Validation.required("desired_lrp", requested);
        requested.validate();
        return desireAll(List.of(requested)).orElseThrow(() -> exists(requested.processGuid())).get(0);
    }

    /**
     * Desires already validated, in this one transaction (one flush and one held-index query for all of
     * them): {@link DesireBatcher}'s group commit, and {@link #desire} for one. Each LRP with its ActualLRPs
     * stays atomic. Empty when one of the guids is taken (by an earlier desire or twice in the group): the
     * transaction rolls back and the caller desires them one by one, so each gets its own answer.
     */
    public Optional<List<DesiredLrp>> desireAll(List<DesiredLrp> requested) {
        long now = Nanos.now(clock);
        List<DesiredLrp> stored = new ArrayList<>(requested.size());
        for (DesiredLrp r : requested) {
            DesiredLrp lrp = r.withModificationTag(new ModificationTag(guids.newGuid(), 0));
            em.persist(DesiredLrpEntity.of(lrp, now));
            stored.add(lrp);
        }
        try {
            // The primary key decides, in this transaction: no existence read first, and no locking read
            // either (FOR UPDATE on a missing row takes a gap lock and deadlocks two concurrent desires).
            // A concurrent desire of the same guid waits on our insert and then fails on the key.
            em.flush();
        } catch (PersistenceException e) {
            if (DuplicateKey.causes(e)) {
                context.setRollbackOnly();
                return Optional.empty();
            }
            throw e;
        }
        Map<String, Set<Integer>> held = heldIndices(stored.stream().map(DesiredLrp::processGuid).toList());
        for (DesiredLrp lrp : stored) {
            startInstances(lrp, 0, lrp.instances(), held.getOrDefault(lrp.processGuid(), Set.of()));
            events.publish(new DesiredLrpCreated(lrp, ""));
        }
        return Optional.of(stored);
    }

    /**
     * Applies the update under the row lock and returns the LRP after it. More instances are created
     * and auctioned as on desire; fewer retire the indices from the new count up. Routes, annotation,
     * metric tags and image credentials change only the row.
     */
    public DesiredLrp update(String processGuid, DesiredLrpUpdate update) {
        Validation.required("process_guid", processGuid);
        Validation.required("update", update);
        update.validate();
        DesiredLrpEntity row = em.find(DesiredLrpEntity.class, processGuid, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw notFound(processGuid);
        }
        DesiredLrp before = row.toModel();
        DesiredLrp after = before.apply(update);
        row.update(after);
        if (after.instances() > before.instances()) {
            startInstances(after, before.instances(), after.instances());
        } else if (after.instances() < before.instances()) {
            retireFrom(processGuid, after.instances());
        }
        events.publish(new DesiredLrpChanged(before, after, ""));
        return after;
    }

    /** Deletes the DesiredLRP; its instances are stopped on their cells or deleted when they have none. */
    public void remove(String processGuid) {
        Validation.required("process_guid", processGuid);
        DesiredLrpEntity row = em.find(DesiredLrpEntity.class, processGuid, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw notFound(processGuid);
        }
        DesiredLrp lrp = row.toModel();
        em.remove(row);
        retireFrom(processGuid, 0);
        events.publish(new DesiredLrpRemoved(lrp, ""));
    }

    /** The LRP as clients read it (metrics guid and source_id tag reconciled, as Diego does on reads). */
    public DesiredLrp get(String processGuid) {
        Validation.required("process_guid", processGuid);
        DesiredLrp lrp = find(processGuid);
        if (lrp == null) {
            throw notFound(processGuid);
        }
        return lrp.populateMetricsGuid();
    }

    /** Like {@link #get} but null when absent: a refusal would roll back the caller's transaction. */
    public DesiredLrp find(String processGuid) {
        DesiredLrpEntity row = em.find(DesiredLrpEntity.class, processGuid);
        return row == null ? null : row.toModel();
    }

    /** These LRPs as stored (as {@link #find}), by process guid; absent ones are left out. */
    public Map<String, DesiredLrp> findAll(Collection<String> processGuids) {
        Map<String, DesiredLrp> out = new HashMap<>();
        for (DesiredLrpWhere where : byGuids(processGuids)) {
            where.bind(em.createQuery(where.select("d"), DesiredLrpEntity.class)).getResultStream()
                    .forEach(row -> out.put(row.processGuid(), row.toModel()));
        }
        return out;
    }

    /** The scheduling infos of these LRPs by process guid (no run info read); absent ones are left out. */
    public Map<String, DesiredLrpSchedulingInfo> schedulingInfos(Collection<String> processGuids) {
        Map<String, DesiredLrpSchedulingInfo> out = new HashMap<>();
        for (DesiredLrpWhere where : byGuids(processGuids)) {
            rows(where, DesiredLrpEntity.SCHEDULING_COLUMNS).stream().map(DesiredLrpEntity::schedulingInfo)
                    .forEach(info -> out.put(info.processGuid(), info));
        }
        return out;
    }

    /** One filter per {@value #GUIDS_PER_QUERY} distinct guids. */
    private static List<DesiredLrpWhere> byGuids(Collection<String> processGuids) {
        List<String> all = List.copyOf(new LinkedHashSet<>(processGuids));
        List<DesiredLrpWhere> wheres = new ArrayList<>();
        for (int from = 0; from < all.size(); from += GUIDS_PER_QUERY) {
            wheres.add(DesiredLrpWhere.of(null, all.subList(from, Math.min(all.size(), from + GUIDS_PER_QUERY)), null));
        }
        return wheres;
    }

    /** Filtered by domain, process guids and app guids (process guid prefixes). */
    public List<DesiredLrp> list(DesiredLRPsRequest filter) {
        DesiredLrpWhere where = DesiredLrpWhere.of(filter.domain(), filter.processGuids(), filter.appGuids());
        return where.bind(em.createQuery(where.select("d"), DesiredLrpEntity.class)).getResultStream()
                .map(row -> row.toModel().populateMetricsGuid()).toList();
    }

    /** Every scheduling info: what convergence reads. */
    public List<DesiredLrpSchedulingInfo> schedulingInfos() {
        return schedulingInfos(DesiredLRPsRequest.ALL);
    }

    /** Filtered by domain and process guids; Diego ignores app guids here. Reads no run info. */
    public List<DesiredLrpSchedulingInfo> schedulingInfos(DesiredLRPsRequest filter) {
        DesiredLrpWhere where = DesiredLrpWhere.of(filter.domain(), filter.processGuids(), null);
        return rows(where, DesiredLrpEntity.SCHEDULING_COLUMNS).stream().map(DesiredLrpEntity::schedulingInfo).toList();
    }

    /**
     * Convergence step 12: the metric tags of every DesiredLRP that has any, by process guid. One narrow
     * query (two columns, rows without tags left out in SQL) beside the scheduling infos.
     */
    public Map<String, Map<String, MetricTagValue>> metricTagsByProcess() {
        Map<String, Map<String, MetricTagValue>> out = new HashMap<>();
        List<Object[]> found = em.createQuery("SELECT d.processGuid, d.metricTags FROM DesiredLrpEntity d"
                + " WHERE d.metricTags IS NOT NULL AND d.metricTags <> '{}'", Object[].class).getResultList();
        for (Object[] row : found) {
            Map<String, MetricTagValue> tags = DesiredLrpEntity.readMetricTags((String) row[1]);
            if (!tags.isEmpty()) {
                out.put((String) row[0], tags);
            }
        }
        return out;
    }

    public DesiredLrpSchedulingInfo schedulingInfo(String processGuid) {
        Validation.required("process_guid", processGuid);
        DesiredLrpEntity row = em.find(DesiredLrpEntity.class, processGuid);
        if (row == null) {
            throw notFound(processGuid);
        }
        return row.schedulingInfo();
    }

    /** What the route emitter reads; Diego filters these by process guids only. */
    public List<DesiredLrp> routingInfos(DesiredLRPsRequest filter) {
        DesiredLrpWhere where = DesiredLrpWhere.of(null, filter.processGuids(), null);
        return rows(where, DesiredLrpEntity.ROUTING_COLUMNS).stream().map(DesiredLrpEntity::routingInfo).toList();
    }

    private List<Object[]> rows(DesiredLrpWhere where, String columns) {
        return where.bind(em.createQuery(where.select(columns), Object[].class)).getResultList();
    }

    /**
     * Creates an UNCLAIMED row for each index in [from, to) that has none and auctions those. An index
     * still held by a row (e.g. an instance being stopped after a scale down) is left to convergence.
     */
    private void startInstances(DesiredLrp lrp, int from, int to) {
        if (from >= to) {
            return;
        }
        // One query for the indices still held, rather than one read per index.
        Set<Integer> held = new HashSet<>(em.createQuery("SELECT a.instanceIndex FROM ActualLrpEntity a"
                        + " WHERE a.processGuid = :guid AND a.presence = :presence"
                        + " AND a.instanceIndex >= :from AND a.instanceIndex < :to", Integer.class)
                .setParameter("guid", lrp.processGuid()).setParameter("presence", Presence.ORDINARY.ordinal())
                .setParameter("from", from).setParameter("to", to)
                .setFlushMode(FlushModeType.COMMIT).getResultList());
        startInstances(lrp, from, to, held);
    }

    /** Indices of ORDINARY rows still there for these guids (stale rows of an earlier LRP of the same guid). */
    private Map<String, Set<Integer>> heldIndices(List<String> processGuids) {
        Map<String, Set<Integer>> held = new HashMap<>();
        em.createQuery("SELECT a.processGuid, a.instanceIndex FROM ActualLrpEntity a"
                        + " WHERE a.processGuid IN :guids AND a.presence = :presence", Object[].class)
                .setParameter("guids", processGuids).setParameter("presence", Presence.ORDINARY.ordinal())
                .setFlushMode(FlushModeType.COMMIT).getResultList()
                .forEach(row -> held.computeIfAbsent((String) row[0], g -> new HashSet<>()).add((Integer) row[1]));
        return held;
    }

    private void startInstances(DesiredLrp lrp, int from, int to, Set<Integer> held) {
        List<ActualLrpKey> missing = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (!held.contains(i)) {
                missing.add(new ActualLrpKey(lrp.processGuid(), i, lrp.domain()));
            }
        }
        if (!missing.isEmpty()) {
            // Through ActualLrps so each new row raises its actual_lrp_instance_created event.
            actuals.createUnclaimed(missing);
            auctions.send(new AuctionRequest(lrp.processGuid(), lrp.domain(),
                    missing.stream().map(ActualLrpKey::index).toList()));
        }
    }

    /** Retires every instance from index {@code from} up, except evacuating ones, which leave on their own. */
    private void retireFrom(String processGuid, int from) {
        actuals.byProcess(processGuid).stream()
                .filter(a -> a.index() >= from && a.presence() != Presence.EVACUATING)
                .forEach(actuals::retire);
    }

    private static DiegoException exists(String processGuid) {
        return new DiegoException(ErrorType.ResourceExists,
                "the requested resource already exists: desired LRP " + processGuid);
    }

    private static DiegoException notFound(String processGuid) {
        return DiegoException.notFound("desired LRP " + processGuid);
    }
}
