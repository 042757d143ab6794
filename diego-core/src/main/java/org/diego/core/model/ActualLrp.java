package org.diego.core.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One instance of a DesiredLRP as it actually is (Diego's ActualLRP, flattened the way Diego's JSON
 * flattens the embedded key, instance key and net info). The state machine lives here: every
 * transition is a method that returns the next record (the same record when nothing changes) or
 * throws the Diego error for a refused move. {@code routable} is optional on the wire (null = unset).
 */
public record ActualLrp(
        String processGuid,
        int index,
        String domain,
        String instanceGuid,
        String cellId,
        String address,
        List<PortMapping> ports,
        String instanceAddress,
        PreferredAddress preferredAddress,
        String instanceIpv6Address,
        int crashCount,
        String crashReason,
        ActualLrpState state,
        String placementError,
        long since,
        ModificationTag modificationTag,
        Presence presence,
        List<ActualLrpInternalRoute> actualLrpInternalRoutes,
        Map<String, String> metricTags,
        Boolean routable,
        String availabilityZone) {

    /** Diego's column limit for crash reasons and placement errors, and the mark it leaves on a cut text. */
    public static final int MAX_REASON_LENGTH = 1024;
    static final String TRUNCATED = "(truncated)";

    public ActualLrp {
        instanceGuid = instanceGuid == null ? "" : instanceGuid;
        cellId = cellId == null ? "" : cellId;
        address = address == null ? "" : address;
        ports = ports == null ? List.of() : List.copyOf(ports);
        instanceAddress = instanceAddress == null ? "" : instanceAddress;
        preferredAddress = preferredAddress == null ? PreferredAddress.UNKNOWN : preferredAddress;
        instanceIpv6Address = instanceIpv6Address == null ? "" : instanceIpv6Address;
        crashReason = crashReason == null ? "" : crashReason;
        placementError = placementError == null ? "" : placementError;
        presence = presence == null ? Presence.ORDINARY : presence;
        actualLrpInternalRoutes = actualLrpInternalRoutes == null ? List.of() : List.copyOf(actualLrpInternalRoutes);
        metricTags = metricTags == null ? Map.of() : Map.copyOf(metricTags);
        availabilityZone = availabilityZone == null ? "" : availabilityZone;
    }

    /**
     * The fields that existed before internal routes, metric tags, routable and zone: those take their
     * empty values (routable unset), net info its plain form.
     */
    public ActualLrp(String processGuid, int index, String domain, String instanceGuid, String cellId, String address,
                     List<PortMapping> ports, String instanceAddress, int crashCount, String crashReason,
                     ActualLrpState state, String placementError, long since, ModificationTag modificationTag,
                     Presence presence) {
        this(processGuid, index, domain, instanceGuid, cellId, address, ports, instanceAddress, null, null,
                crashCount, crashReason, state, placementError, since, modificationTag, presence, null, null, null, null);
    }

    /** A fresh UNCLAIMED instance waiting for the auctioneer; like Diego it is stored not routable. */
    public static ActualLrp unclaimed(ActualLrpKey key, long nowNanos, String epoch) {
        return new ActualLrp(key.processGuid(), key.index(), key.domain(), "", "", "", List.of(), "", null, null, 0,
                "", ActualLrpState.UNCLAIMED, "", nowNanos, new ModificationTag(epoch, 0), Presence.ORDINARY,
                null, null, Boolean.FALSE, null);
    }

    /** A RUNNING ORDINARY row made by a start for an index that had none (a cell reporting what it runs). */
    public static ActualLrp running(ActualLrpKey key, InstanceKey by, RunningInfo info, long nowNanos, String epoch) {
        return fresh(key, by, info, Presence.ORDINARY, nowNanos, epoch);
    }

    /** The row that keeps an evacuating cell's running instance routable while its replacement starts. */
    public static ActualLrp evacuating(ActualLrpKey key, InstanceKey by, RunningInfo info, long nowNanos, String epoch) {
        return fresh(key, by, info, Presence.EVACUATING, nowNanos, epoch);
    }

    private static ActualLrp fresh(ActualLrpKey key, InstanceKey by, RunningInfo info, Presence presence,
                                   long nowNanos, String epoch) {
        NetInfo net = info.netInfo();
        return new ActualLrp(key.processGuid(), key.index(), key.domain(), by.instanceGuid(), by.cellId(),
                net.address(), net.ports(), net.instanceAddress(), net.preferredAddress(), net.instanceIpv6Address(),
                0, "", ActualLrpState.RUNNING, "", nowNanos, new ModificationTag(epoch, 0), presence,
                info.internalRoutes(), info.metricTags(), info.routable(), info.availabilityZone());
    }

    public ActualLrpKey key() {
        return new ActualLrpKey(processGuid, index, domain);
    }

    public InstanceKey instanceKey() {
        return new InstanceKey(instanceGuid, cellId);
    }

    public NetInfo netInfo() {
        return new NetInfo(address, ports, instanceAddress, preferredAddress, instanceIpv6Address);
    }

    /** The record's net info, routes, tags, routable (unset counts as false, as Diego reads it) and zone. */
    public RunningInfo runningInfo() {
        return new RunningInfo(netInfo(), actualLrpInternalRoutes, metricTags, Boolean.TRUE.equals(routable),
                availabilityZone);
    }

    /** A cell holds (CLAIMED) or runs (RUNNING) this instance. */
    public boolean placed() {
        return state == ActualLrpState.CLAIMED || state == ActualLrpState.RUNNING;
    }

    /**
     * Diego's {@code AllowsTransitionTo}: whether this record may move to {@code to} on behalf of
     * {@code by}. The key must be this record's; an empty instance key only ever unclaims, and every
     * move away from a CLAIMED, RUNNING or CRASHED record except a start of a CLAIMED one needs the
     * record's own instance key.
     */
    public boolean allowsTransitionTo(ActualLrpKey key, InstanceKey by, ActualLrpState to) {
        if (!key().equals(key)) {
            return false;
        }
        boolean same = instanceKey().equals(by);
        boolean empty = by.isEmpty();
        return switch (state) {
            case UNCLAIMED -> to != ActualLrpState.CRASHED;
            case CLAIMED -> to == ActualLrpState.UNCLAIMED && empty || to == ActualLrpState.CLAIMED && same
                    || to == ActualLrpState.RUNNING || to == ActualLrpState.CRASHED && same;
            case RUNNING -> to == ActualLrpState.UNCLAIMED && empty || to != ActualLrpState.UNCLAIMED && same;
            case CRASHED -> to == ActualLrpState.UNCLAIMED && empty
                    || (to == ActualLrpState.CLAIMED || to == ActualLrpState.RUNNING) && same;
        };
    }

    /** A cell reserved this instance. Repeating a claim with the same instance key is a no-op. */
    public ActualLrp claim(InstanceKey by, long nowNanos) {
        by.validate();
        if (!allowsTransitionTo(key(), by, ActualLrpState.CLAIMED)) {
            throw refused(ErrorType.ActualLRPCannotBeClaimed, "claim", by);
        }
        if (state == ActualLrpState.CLAIMED) {
            return this;
        }
        return copy(by, NetInfo.EMPTY, ActualLrpState.CLAIMED, crashCount, crashReason, "", nowNanos, presence);
    }

    /** A start as a cell without routes or tags reports it (the JMS path and the r0 route). */
    public ActualLrp start(InstanceKey by, NetInfo net, long nowNanos) {
        return start(key(), by, RunningInfo.of(net), nowNanos);
    }

    /**
     * The container is up. Diego lets a start replace a claim by another cell; a running one only by
     * itself. Repeating a start that reports exactly what is stored is a no-op.
     */
    public ActualLrp start(ActualLrpKey key, InstanceKey by, RunningInfo info, long nowNanos) {
        by.validate();
        if (state == ActualLrpState.RUNNING && key().equals(key) && instanceKey().equals(by)
                && runningInfo().equals(info)) {
            return this;
        }
        if (!allowsTransitionTo(key, by, ActualLrpState.RUNNING)) {
            throw refused(ErrorType.ActualLRPCannotBeStarted, "start", by);
        }
        return running(by, info, nowNanos, modificationTag.next(), presence);
    }

    /**
     * The container exited on its own. The crash count restarts at 1 when the instance had run longer
     * than the policy's reset timeout. Returns UNCLAIMED when the policy restarts it at once, else CRASHED.
     */
    public ActualLrp crash(InstanceKey by, String reason, long nowNanos, RestartPolicy policy) {
        if (!allowsTransitionTo(key(), by, ActualLrpState.CRASHED)) {
            throw refused(ErrorType.ActualLRPCannotBeCrashed, "crash", by);
        }
        boolean ranLongEnough = state == ActualLrpState.RUNNING
                && nowNanos - since > policy.crashResetTimeout().toNanos();
        int count = ranLongEnough ? 1 : crashCount + 1;
        ActualLrpState to = policy.restartsImmediately(count) ? ActualLrpState.UNCLAIMED : ActualLrpState.CRASHED;
        return copy(InstanceKey.EMPTY, NetInfo.EMPTY, to, count, truncate(reason), placementError, nowNanos, presence);
    }

    /**
     * Gives the slot back to the auction (its cell vanished or is evacuating, or a back-off expired),
     * keeping the crash history. Like Diego, an instance that is already UNCLAIMED cannot be unclaimed again.
     */
    public ActualLrp unclaim(long nowNanos) {
        if (state == ActualLrpState.UNCLAIMED) {
            throw new DiegoException(ErrorType.ActualLRPCannotBeUnclaimed,
                    "cannot unclaim actual LRP " + processGuid + "/" + index + ": it is already UNCLAIMED");
        }
        return copy(InstanceKey.EMPTY, NetInfo.EMPTY, ActualLrpState.UNCLAIMED, crashCount, crashReason, placementError,
                nowNanos, presence);
    }

    /** As {@link #failPlacement(String, long)} at the record's own {@code since}. */
    public ActualLrp failPlacement(String error) {
        return failPlacement(error, since);
    }

    /**
     * The auctioneer could not place this instance; only an UNCLAIMED row can carry a placement error.
     * Like Diego, {@code since} moves to the failure, so convergence's 30 s re-auction counts from it.
     */
    public ActualLrp failPlacement(String error, long nowNanos) {
        if (state != ActualLrpState.UNCLAIMED) {
            throw new DiegoException(ErrorType.ActualLRPCannotBeFailed,
                    "cannot record a placement error on a " + state + " instance " + processGuid + "/" + index);
        }
        return copy(instanceKey(), netInfo(), state, crashCount, crashReason, truncate(error), nowNanos, presence);
    }

    /**
     * Convergence found this placed instance's cell missing: the row keeps its instance key, net info and
     * state but becomes SUSPECT, so a replacement ORDINARY row can be auctioned next to it (Diego's
     * ChangeActualLRPPresence ORDINARY to SUSPECT). Only a CLAIMED or RUNNING ORDINARY row can become suspect.
     */
    public ActualLrp toSuspect() {
        if (presence != Presence.ORDINARY || !placed()) {
            throw new DiegoException(ErrorType.InvalidStateTransition, "cannot mark actual LRP " + processGuid + "/" + index
                    + " suspect: it is " + state + " " + presence);
        }
        return withPresence(Presence.SUSPECT);
    }

    /**
     * The suspect's cell came back: the row becomes ORDINARY again, unchanged otherwise (Diego's
     * PromoteSuspectActualLRP; the caller deletes the ORDINARY replacement in the same transaction).
     */
    public ActualLrp promote() {
        if (presence != Presence.SUSPECT) {
            throw new DiegoException(ErrorType.InvalidStateTransition, "cannot promote actual LRP " + processGuid + "/"
                    + index + ": it is " + presence + ", not SUSPECT");
        }
        return withPresence(Presence.ORDINARY);
    }

    /**
     * An EVACUATING row taken over by another report (Diego's EvacuateActualLRP on an existing row): the
     * instance key, net info, routes, tags and zone become {@code by}'s. Reporting what is stored is a no-op.
     */
    public ActualLrp reEvacuate(InstanceKey by, RunningInfo info, long nowNanos) {
        if (presence != Presence.EVACUATING) {
            throw new DiegoException(ErrorType.InvalidStateTransition, "actual LRP " + processGuid + "/" + index
                    + " is " + presence + ", not EVACUATING");
        }
        if (instanceKey().equals(by) && netInfo().equals(info.netInfo())) {
            return this;
        }
        return running(by, info, nowNanos, modificationTag.next(), Presence.EVACUATING);
    }

    /**
     * Diego's RemoveActualLRP condition: without an instance key any ORDINARY row goes; with one, only
     * the row holding exactly that key (so an empty key matches an UNCLAIMED or CRASHED row). Anything
     * else is not found, as Diego's conditional delete affects no row.
     */
    public void checkRemovableBy(InstanceKey by) {
        if (by != null && !instanceKey().equals(by)) {
            throw DiegoException.notFound("actual LRP " + processGuid + "/" + index + " held by " + by);
        }
    }

    /** What retiring this instance means (Diego's retirer). */
    public enum Retirement {
        /** Nothing runs it (UNCLAIMED, CRASHED, or its cell is gone): the row is deleted. */
        DELETE,
        /** Its live cell is told to stop the container; the cell then removes the row. */
        STOP_ON_CELL
    }

    public Retirement retirement(Set<String> liveCellIds) {
        return placed() && liveCellIds.contains(cellId) ? Retirement.STOP_ON_CELL : Retirement.DELETE;
    }

    private ActualLrp withPresence(Presence to) {
        return copy(instanceKey(), netInfo(), state, crashCount, crashReason, placementError, since, to);
    }

    private ActualLrp running(InstanceKey by, RunningInfo info, long nowNanos, ModificationTag tag, Presence to) {
        NetInfo net = info.netInfo();
        return new ActualLrp(processGuid, index, domain, by.instanceGuid(), by.cellId(), net.address(), net.ports(),
                net.instanceAddress(), net.preferredAddress(), net.instanceIpv6Address(), crashCount, crashReason,
                ActualLrpState.RUNNING, "", nowNanos, tag, to, info.internalRoutes(), info.metricTags(),
                info.routable(), info.availabilityZone());
    }

    /** The next version of this row: routes, tags, routable and zone are kept, as Diego's updates keep them. */
    private ActualLrp copy(InstanceKey key, NetInfo net, ActualLrpState to, int count, String reason,
                           String placement, long nowNanos, Presence at) {
        return new ActualLrp(processGuid, index, domain, key.instanceGuid(), key.cellId(), net.address(), net.ports(),
                net.instanceAddress(), net.preferredAddress(), net.instanceIpv6Address(), count, reason, to, placement,
                nowNanos, modificationTag.next(), at, actualLrpInternalRoutes, metricTags, routable, availabilityZone);
    }

    /** Diego cuts long texts to the column size, ending them with a mark that they were cut. */
    static String truncate(String s) {
        if (s == null || s.length() < MAX_REASON_LENGTH) {
            return Objects.requireNonNullElse(s, "");
        }
        return s.substring(0, MAX_REASON_LENGTH - TRUNCATED.length()) + TRUNCATED;
    }

    private DiegoException refused(ErrorType type, String what, InstanceKey by) {
        return new DiegoException(type, "cannot " + what + " actual LRP " + processGuid + "/" + index + " in state "
                + state + " owned by " + (instanceKey().isEmpty() ? "nobody" : instanceKey()) + " (requested by " + by + ")");
    }
}
