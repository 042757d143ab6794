package org.diego.core.convergence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.diego.core.messages.AuctionRequest;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpInternalRoute;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.Domain;
import org.diego.core.model.InstanceKey;

/**
 * Everything one LRP convergence pass decided, one list per step of Diego's ConvergeLRPs, in Diego's
 * order. Rows are given as read (with their modification tag), so the applier can write conditionally
 * ("only if unchanged") and skip an action whose row moved on meanwhile. No row appears in two lists,
 * and no two actions write the same (process guid, index, presence) row.
 *
 * @param domainsToPrune          step 1: delete these domain rows (expired at {@code now}).
 * @param evacuatingToRemove      step 2: delete these EVACUATING rows (their cell is missing); emit removed events.
 * @param staleUnclaimed          step 3: ORDINARY UNCLAIMED rows older than the stale duration: no write, re-auction.
 * @param suspectOnMissingCell    step 4: ORDINARY CLAIMED/RUNNING rows on a missing cell: update the row to
 *                                {@link SuspectTransition#suspect()} (presence SUSPECT), insert a new ORDINARY UNCLAIMED
 *                                row for {@link SuspectTransition#replacementKey()} and auction it.
 * @param unclaimOnMissingCell    step 4, special case: the ORDINARY row on a missing cell is itself the replacement of
 *                                an existing SUSPECT: unclaim it (CLAIMED/RUNNING to UNCLAIMED). Like Diego it is not
 *                                auctioned in this pass; step 3 re-auctions it once stale.
 * @param missing                 step 5: (guid, index) with no ORDINARY row: insert an UNCLAIMED row and auction it.
 * @param retireExtra             step 5: ORDINARY rows at index &ge; instances, fresh domain only: retire (UNCLAIMED or
 *                                CRASHED, or cell missing: delete the row; else ask the cell to stop the instance).
 * @param retireOrphaned          step 6: ORDINARY rows without a DesiredLRP, fresh domain only: retire as above.
 * @param removeOrphanedSuspects  step 7: SUSPECT rows without a DesiredLRP, fresh domain only: delete the row.
 * @param removeExtraSuspects     step 8: SUSPECT rows whose ORDINARY replacement is RUNNING on a live cell: delete the row.
 * @param promotions              step 9: SUSPECT rows whose cell is live again (and whose replacement is not RUNNING
 *                                on a live cell):
 *                                in one transaction delete the ORDINARY replacement if any, then update the suspect to
 *                                {@link Promotion#promoted()} (presence ORDINARY).
 * @param restartCrashed          step 11: ORDINARY CRASHED rows whose back-off elapsed: unclaim (CRASHED to UNCLAIMED,
 *                                crash count kept) and auction.
 * @param instanceUpdates        step 12: ORDINARY RUNNING rows on live cells whose stored internal routes or metric
 *                                tags differ from what their DesiredLRP now gives them: no write, ask the row's cell
 *                                to update the instance (the cell then reports a start carrying the new values).
 * @param startRequests           every key to auction in this pass, once each, in step order (3, 4, 5, 11); send
 *                                them as one batch after the writes, leaving out keys whose write was skipped.
 * @param metrics                 the pass's gauges (step 10 and the metrics Diego emits at the end of a pass).
 */
public record LrpConvergencePlan(
        List<Domain> domainsToPrune,
        List<ActualLrp> evacuatingToRemove,
        List<ActualLrp> staleUnclaimed,
        List<SuspectTransition> suspectOnMissingCell,
        List<ActualLrp> unclaimOnMissingCell,
        List<ActualLrpKey> missing,
        List<ActualLrp> retireExtra,
        List<ActualLrp> retireOrphaned,
        List<ActualLrp> removeOrphanedSuspects,
        List<ActualLrp> removeExtraSuspects,
        List<Promotion> promotions,
        List<ActualLrp> restartCrashed,
        List<InstanceUpdate> instanceUpdates,
        List<ActualLrpKey> startRequests,
        ConvergenceMetrics metrics) {

    public LrpConvergencePlan {
        domainsToPrune = List.copyOf(domainsToPrune);
        evacuatingToRemove = List.copyOf(evacuatingToRemove);
        staleUnclaimed = List.copyOf(staleUnclaimed);
        suspectOnMissingCell = List.copyOf(suspectOnMissingCell);
        unclaimOnMissingCell = List.copyOf(unclaimOnMissingCell);
        missing = List.copyOf(missing);
        retireExtra = List.copyOf(retireExtra);
        retireOrphaned = List.copyOf(retireOrphaned);
        removeOrphanedSuspects = List.copyOf(removeOrphanedSuspects);
        removeExtraSuspects = List.copyOf(removeExtraSuspects);
        promotions = List.copyOf(promotions);
        restartCrashed = List.copyOf(restartCrashed);
        instanceUpdates = List.copyOf(instanceUpdates);
        startRequests = List.copyOf(startRequests);
    }

    /**
     * Step 4: {@code lost} (ORDINARY, CLAIMED or RUNNING, cell missing) becomes {@code suspect}; a new ORDINARY
     * UNCLAIMED row for {@link #replacementKey()} is inserted and auctioned.
     */
    public record SuspectTransition(ActualLrp lost, ActualLrp suspect) {
        public ActualLrpKey replacementKey() {
            return lost.key();
        }
    }

    /**
     * Step 9: {@code suspect}'s cell is back. Delete {@code replacement} (the ORDINARY row of the same index,
     * null when there is none) and update the suspect to {@code promoted}.
     */
    public record Promotion(ActualLrp suspect, ActualLrp replacement, ActualLrp promoted) {
    }

    /**
     * Step 12: {@code row} (RUNNING on a live cell) should carry {@code internalRoutes} and {@code metricTags}
     * (resolved for its index and instance guid); its cell is asked to update the instance.
     */
    public record InstanceUpdate(ActualLrp row, List<ActualLrpInternalRoute> internalRoutes,
                                 Map<String, String> metricTags) {
        public InstanceUpdate {
            internalRoutes = List.copyOf(internalRoutes);
            metricTags = Map.copyOf(metricTags);
        }

        public ActualLrpKey key() {
            return row.key();
        }

        public InstanceKey instanceKey() {
            return row.instanceKey();
        }
    }

    /** Every ActualLRP row this plan retires or removes, whatever the step. */
    public List<ActualLrp> removals() {
        return Stream.of(evacuatingToRemove, retireExtra, retireOrphaned, removeOrphanedSuspects, removeExtraSuspects,
                        promotions.stream().map(Promotion::replacement).filter(r -> r != null).toList())
                .flatMap(List::stream).toList();
    }

    /** Retirements (steps 5 and 6): the rows whose instances convergence stops. */
    public List<ActualLrp> retirements() {
        return Stream.of(retireExtra, retireOrphaned).flatMap(List::stream).toList();
    }

    /** True when the pass needs no write at all (metrics aside). */
    public boolean isEmpty() {
        return domainsToPrune.isEmpty() && evacuatingToRemove.isEmpty() && staleUnclaimed.isEmpty()
                && suspectOnMissingCell.isEmpty() && unclaimOnMissingCell.isEmpty() && missing.isEmpty()
                && retireExtra.isEmpty() && retireOrphaned.isEmpty() && removeOrphanedSuspects.isEmpty()
                && removeExtraSuspects.isEmpty() && promotions.isEmpty() && restartCrashed.isEmpty()
                && instanceUpdates.isEmpty() && startRequests.isEmpty();
    }

    /** The start requests, one auction request per process guid (first-seen order), for one batch. */
    public List<AuctionRequest> auctionRequests() {
        return batch(startRequests);
    }

    /** Groups keys into one auction request per process guid, keeping first-seen order. */
    public static List<AuctionRequest> batch(Collection<ActualLrpKey> keys) {
        Map<String, List<Integer>> indices = new LinkedHashMap<>();
        Map<String, String> domains = new LinkedHashMap<>();
        for (ActualLrpKey key : keys) {
            indices.computeIfAbsent(key.processGuid(), g -> new ArrayList<>()).add(key.index());
            domains.putIfAbsent(key.processGuid(), key.domain());
        }
        List<AuctionRequest> out = new ArrayList<>();
        indices.forEach((guid, idx) -> out.add(new AuctionRequest(guid, domains.get(guid), idx)));
        return out;
    }
}
