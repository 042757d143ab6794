package org.diego.core.model;

import java.util.List;

/**
 * One instance of a DesiredLRP as it actually is (Diego's ActualLRP, flattened the way Diego's JSON
 * flattens the embedded key, instance key and net info). The state machine lives here: every
 * transition is a method that returns the next record or throws the Diego error for a refused move.
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
        int crashCount,
        String crashReason,
        ActualLrpState state,
        String placementError,
        long since,
        ModificationTag modificationTag,
        Presence presence) {

    public ActualLrp {
        instanceGuid = instanceGuid == null ? "" : instanceGuid;
        cellId = cellId == null ? "" : cellId;
        address = address == null ? "" : address;
        ports = ports == null ? List.of() : List.copyOf(ports);
        instanceAddress = instanceAddress == null ? "" : instanceAddress;
        crashReason = crashReason == null ? "" : crashReason;
        placementError = placementError == null ? "" : placementError;
        presence = presence == null ? Presence.ORDINARY : presence;
    }

    /** A fresh UNCLAIMED instance waiting for the auctioneer. */
    public static ActualLrp unclaimed(ActualLrpKey key, long nowNanos, String epoch) {
        return new ActualLrp(key.processGuid(), key.index(), key.domain(), "", "", "", List.of(), "", 0, "",
                ActualLrpState.UNCLAIMED, "", nowNanos, new ModificationTag(epoch, 0), Presence.ORDINARY);
    }

    public ActualLrpKey key() {
        return new ActualLrpKey(processGuid, index, domain);
    }

    public InstanceKey instanceKey() {
        return new InstanceKey(instanceGuid, cellId);
    }

    public NetInfo netInfo() {
        return new NetInfo(address, ports, instanceAddress);
    }

    /** A cell reserved this instance. Repeating a claim with the same instance key is a no-op. */
    public ActualLrp claim(InstanceKey by, long nowNanos) {
        by.validate();
        boolean sameKey = instanceKey().equals(by);
        if (state == ActualLrpState.UNCLAIMED || (sameKey && state == ActualLrpState.CLAIMED)) {
            if (sameKey && state == ActualLrpState.CLAIMED) {
                return this;
            }
            return next(by, NetInfo.EMPTY, ActualLrpState.CLAIMED, crashCount, crashReason, nowNanos);
        }
        if (sameKey && state == ActualLrpState.RUNNING) {
            return next(by, NetInfo.EMPTY, ActualLrpState.CLAIMED, crashCount, crashReason, nowNanos);
        }
        throw refused(ErrorType.ActualLRPCannotBeClaimed, "claim", by);
    }

    /** The container is up. Diego lets a start replace a claim by another cell; a running one only by itself. */
    public ActualLrp start(InstanceKey by, NetInfo net, long nowNanos) {
        by.validate();
        boolean sameKey = instanceKey().equals(by);
        if (state == ActualLrpState.RUNNING && sameKey && netInfo().equals(net)) {
            return this;
        }
        if (state == ActualLrpState.UNCLAIMED || state == ActualLrpState.CLAIMED
                || (state == ActualLrpState.RUNNING && sameKey)) {
            return next(by, net, ActualLrpState.RUNNING, crashCount, crashReason, nowNanos);
        }
        throw refused(ErrorType.ActualLRPCannotBeStarted, "start", by);
    }

    /**
     * The container exited on its own. The crash count restarts at 1 when the instance had run longer
     * than the policy's reset timeout. Returns UNCLAIMED when the policy restarts it at once, else CRASHED.
     */
    public ActualLrp crash(InstanceKey by, String reason, long nowNanos, RestartPolicy policy) {
        if (state != ActualLrpState.CLAIMED && state != ActualLrpState.RUNNING || !instanceKey().equals(by)) {
            throw refused(ErrorType.ActualLRPCannotBeCrashed, "crash", by);
        }
        boolean ranLongEnough = state == ActualLrpState.RUNNING
                && nowNanos - since > policy.crashResetTimeout().toNanos();
        int count = ranLongEnough ? 1 : crashCount + 1;
        ActualLrpState to = policy.restartsImmediately(count) ? ActualLrpState.UNCLAIMED : ActualLrpState.CRASHED;
        return next(InstanceKey.EMPTY, NetInfo.EMPTY, to, count, reason, nowNanos);
    }

    /**
     * Gives the slot back to the auction (its cell vanished, or a back-off expired), keeping the crash history.
     * Like Diego, an instance that is already UNCLAIMED cannot be unclaimed again.
     */
    public ActualLrp unclaim(long nowNanos) {
        if (state == ActualLrpState.UNCLAIMED) {
            throw new DiegoException(ErrorType.ActualLRPCannotBeUnclaimed,
                    "cannot unclaim actual LRP " + processGuid + "/" + index + ": it is already UNCLAIMED");
        }
        return next(InstanceKey.EMPTY, NetInfo.EMPTY, ActualLrpState.UNCLAIMED, crashCount, crashReason, nowNanos);
    }

    /** The auctioneer could not place this instance; only an UNCLAIMED row can carry a placement error. */
    public ActualLrp failPlacement(String error) {
        if (state != ActualLrpState.UNCLAIMED) {
            throw new DiegoException(ErrorType.ActualLRPCannotBeFailed,
                    "cannot record a placement error on a " + state + " instance " + processGuid + "/" + index);
        }
        return new ActualLrp(processGuid, index, domain, instanceGuid, cellId, address, ports, instanceAddress,
                crashCount, crashReason, state, error, since, modificationTag.next(), presence);
    }

    /**
     * Convergence found this placed instance's cell missing: the row keeps its instance key, net info and
     * state but becomes SUSPECT, so a replacement ORDINARY row can be auctioned next to it (Diego's
     * ChangeActualLRPPresence ORDINARY to SUSPECT). Only a CLAIMED or RUNNING ORDINARY row can become suspect.
     */
    public ActualLrp toSuspect() {
        if (presence != Presence.ORDINARY
                || (state != ActualLrpState.CLAIMED && state != ActualLrpState.RUNNING)) {
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

    private ActualLrp withPresence(Presence to) {
        return new ActualLrp(processGuid, index, domain, instanceGuid, cellId, address, ports, instanceAddress,
                crashCount, crashReason, state, placementError, since, modificationTag.next(), to);
    }

    /** A cell may only remove the row it owns (its container stopped); an unowned row may go freely. */
    public void checkRemovableBy(InstanceKey by) {
        if (!instanceKey().isEmpty() && !instanceKey().equals(by)) {
            throw refused(ErrorType.ActualLRPCannotBeRemoved, "remove", by);
        }
    }

    private ActualLrp next(InstanceKey key, NetInfo net, ActualLrpState to, int count, String reason, long now) {
        return new ActualLrp(processGuid, index, domain, key.instanceGuid(), key.cellId(), net.address(),
                net.ports(), net.instanceAddress(), count, reason, to, "", now, modificationTag.next(), presence);
    }

    private DiegoException refused(ErrorType type, String what, InstanceKey by) {
        return new DiegoException(type, "cannot " + what + " actual LRP " + processGuid + "/" + index + " in state "
                + state + " owned by " + (instanceKey().isEmpty() ? "nobody" : instanceKey()) + " (requested by " + by + ")");
    }
}
