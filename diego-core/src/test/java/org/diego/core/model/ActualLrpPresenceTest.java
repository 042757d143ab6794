package org.diego.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The presence moves convergence makes: ORDINARY to SUSPECT on a missing cell, and back when it returns. */
class ActualLrpPresenceTest {
    static final NetInfo NET = new NetInfo("10.0.0.1", List.of(new PortMapping(8080, 61001)), "172.16.0.5");

    static ActualLrp row(ActualLrpState state, Presence presence) {
        boolean owned = state == ActualLrpState.CLAIMED || state == ActualLrpState.RUNNING;
        NetInfo net = state == ActualLrpState.RUNNING ? NET : NetInfo.EMPTY;
        return new ActualLrp("web", 1, "cf-apps", owned ? "ig-1" : "", owned ? "cell-a" : "", net.address(),
                net.ports(), net.instanceAddress(), 2, "exit 1", state, "", 42L, new ModificationTag("e", 7), presence);
    }

    @ParameterizedTest
    @EnumSource(value = ActualLrpState.class, names = {"CLAIMED", "RUNNING"})
    void aPlacedOrdinaryRowBecomesSuspectKeepingEverythingElse(ActualLrpState state) {
        ActualLrp before = row(state, Presence.ORDINARY);
        ActualLrp after = before.toSuspect();
        assertEquals(Presence.SUSPECT, after.presence());
        assertEquals(new ModificationTag("e", 8), after.modificationTag());
        assertEquals(before.instanceKey(), after.instanceKey());
        assertEquals(before.netInfo(), after.netInfo());
        assertEquals(before.state(), after.state());
        assertEquals(before.since(), after.since());
        assertEquals(before.crashCount(), after.crashCount());
        assertEquals(before.key(), after.key());
    }

    @ParameterizedTest
    @EnumSource(value = ActualLrpState.class, names = {"UNCLAIMED", "CRASHED"})
    void anUnplacedRowCannotBecomeSuspect(ActualLrpState state) {
        DiegoException e = assertThrows(DiegoException.class, () -> row(state, Presence.ORDINARY).toSuspect());
        assertEquals(ErrorType.InvalidStateTransition, e.type());
    }

    @ParameterizedTest
    @EnumSource(value = Presence.class, names = {"SUSPECT", "EVACUATING"})
    void onlyAnOrdinaryRowBecomesSuspect(Presence presence) {
        assertThrows(DiegoException.class, () -> row(ActualLrpState.RUNNING, presence).toSuspect());
    }

    @ParameterizedTest
    @EnumSource(value = ActualLrpState.class, names = {"CLAIMED", "RUNNING"})
    void promotionRoundTrips(ActualLrpState state) {
        ActualLrp before = row(state, Presence.ORDINARY);
        ActualLrp back = before.toSuspect().promote();
        assertEquals(Presence.ORDINARY, back.presence());
        assertEquals(new ModificationTag("e", 9), back.modificationTag());
        assertEquals(before, new ActualLrp(back.processGuid(), back.index(), back.domain(), back.instanceGuid(),
                back.cellId(), back.address(), back.ports(), back.instanceAddress(), back.crashCount(),
                back.crashReason(), back.state(), back.placementError(), back.since(), before.modificationTag(),
                back.presence()));
    }

    @ParameterizedTest
    @EnumSource(value = Presence.class, names = {"ORDINARY", "EVACUATING"})
    void onlyASuspectIsPromoted(Presence presence) {
        DiegoException e = assertThrows(DiegoException.class, () -> row(ActualLrpState.RUNNING, presence).promote());
        assertEquals(ErrorType.InvalidStateTransition, e.type());
    }
}
