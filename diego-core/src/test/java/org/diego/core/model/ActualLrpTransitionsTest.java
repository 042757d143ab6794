package org.diego.core.model;

import static org.diego.core.model.ActualLrpTest.KEY;
import static org.diego.core.model.ActualLrpTest.MINE;
import static org.diego.core.model.ActualLrpTest.NET;
import static org.diego.core.model.ActualLrpTest.NET2;
import static org.diego.core.model.ActualLrpTest.OTHER;
import static org.diego.core.model.ActualLrpTest.SEC;
import static org.diego.core.model.ActualLrpTest.T0;
import static org.diego.core.model.ActualLrpTest.in;
import static org.diego.core.model.ActualLrpTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Diego's {@code AllowsTransitionTo} as a full table, and the transitions added for the HTTP routes:
 * start with routes/tags/routable/zone, the evacuating and running factories, re-evacuation, retirement.
 */
class ActualLrpTransitionsTest {
    static final RunningInfo INFO = new RunningInfo(NET, List.of(new ActualLrpInternalRoute("web.internal")),
            Map.of("app", "web"), true, "z1");

    /** Rows as stored: UNCLAIMED and CRASHED rows hold no key, CLAIMED and RUNNING ones hold MINE. */
    @ParameterizedTest(name = "{0} -> {1}: mine={2} other={3} empty={4}")
    @CsvSource({
            "UNCLAIMED, UNCLAIMED, Y, Y, Y",
            "UNCLAIMED, CLAIMED,   Y, Y, Y",
            "UNCLAIMED, RUNNING,   Y, Y, Y",
            "UNCLAIMED, CRASHED,   N, N, N",
            "CLAIMED,   UNCLAIMED, N, N, Y",
            "CLAIMED,   CLAIMED,   Y, N, N",
            "CLAIMED,   RUNNING,   Y, Y, Y",
            "CLAIMED,   CRASHED,   Y, N, N",
            "RUNNING,   UNCLAIMED, N, N, Y",
            "RUNNING,   CLAIMED,   Y, N, N",
            "RUNNING,   RUNNING,   Y, N, N",
            "RUNNING,   CRASHED,   Y, N, N",
            // a CRASHED row's own key is the empty one
            "CRASHED,   UNCLAIMED, N, N, Y",
            "CRASHED,   CLAIMED,   N, N, Y",
            "CRASHED,   RUNNING,   N, N, Y",
            "CRASHED,   CRASHED,   N, N, N",
    })
    void allowsTransitionToFollowsDiegosTable(ActualLrpState from, ActualLrpState to, char mine, char other, char empty) {
        ActualLrp row = in(from);
        assertEquals(mine == 'Y', row.allowsTransitionTo(KEY, MINE, to), "mine");
        assertEquals(other == 'Y', row.allowsTransitionTo(KEY, OTHER, to), "other");
        assertEquals(empty == 'Y', row.allowsTransitionTo(KEY, InstanceKey.EMPTY, to), "empty");
    }

    @ParameterizedTest
    @EnumSource(ActualLrpState.class)
    void noTransitionForAnotherKey(ActualLrpState from) {
        ActualLrp row = in(from);
        for (ActualLrpKey other : List.of(new ActualLrpKey("x", KEY.index(), KEY.domain()),
                new ActualLrpKey(KEY.processGuid(), KEY.index() + 1, KEY.domain()),
                new ActualLrpKey(KEY.processGuid(), KEY.index(), "other-domain"))) {
            for (ActualLrpState to : ActualLrpState.values()) {
                for (InstanceKey by : List.of(MINE, OTHER, InstanceKey.EMPTY)) {
                    assertTrue(!row.allowsTransitionTo(other, by, to), other + " " + to + " " + by);
                }
            }
        }
    }

    @Test
    void aStartForAnotherDomainIsRefused() {
        refused(ErrorType.ActualLRPCannotBeStarted, () -> in(ActualLrpState.CLAIMED)
                .start(new ActualLrpKey(KEY.processGuid(), KEY.index(), "elsewhere"), MINE, INFO, T0 + SEC));
    }

    @Test
    void startStoresRoutesTagsRoutableAndZone() {
        ActualLrp after = in(ActualLrpState.CLAIMED).start(KEY, MINE, INFO, T0 + SEC);
        assertEquals(INFO, after.runningInfo());
        assertEquals(List.of(new ActualLrpInternalRoute("web.internal")), after.actualLrpInternalRoutes());
        assertEquals(Boolean.TRUE, after.routable());
        assertEquals("z1", after.availabilityZone());
        assertSame(after, after.start(KEY, MINE, INFO, T0 + 2 * SEC), "reporting what is stored writes nothing");
    }

    @Test
    void anyChangeInWhatARunningInstanceReportsIsAWrite() {
        ActualLrp running = in(ActualLrpState.CLAIMED).start(KEY, MINE, INFO, T0 + SEC);
        List<RunningInfo> changes = List.of(
                new RunningInfo(NET2, INFO.internalRoutes(), INFO.metricTags(), true, "z1"),
                new RunningInfo(NET, List.of(), INFO.metricTags(), true, "z1"),
                new RunningInfo(NET, INFO.internalRoutes(), Map.of(), true, "z1"),
                new RunningInfo(NET, INFO.internalRoutes(), INFO.metricTags(), false, "z1"),
                new RunningInfo(NET, INFO.internalRoutes(), INFO.metricTags(), true, "z2"));
        for (RunningInfo changed : changes) {
            ActualLrp after = running.start(KEY, MINE, changed, T0 + 2 * SEC);
            assertNotSame(running, after, changed.toString());
            assertEquals(running.modificationTag().next(), after.modificationTag());
            assertEquals(changed, after.runningInfo());
        }
    }

    @Test
    void theRunningFactoryStartsAFreshRow() {
        ActualLrp row = ActualLrp.running(KEY, MINE, INFO, T0, "ep");
        assertEquals(ActualLrpState.RUNNING, row.state());
        assertEquals(Presence.ORDINARY, row.presence());
        assertEquals(new ModificationTag("ep", 0), row.modificationTag());
        assertEquals(MINE, row.instanceKey());
        assertEquals(INFO, row.runningInfo());
    }

    @Test
    void theEvacuatingFactoryMakesARunningEvacuatingRow() {
        ActualLrp row = ActualLrp.evacuating(KEY, MINE, INFO, T0, "ep");
        assertEquals(ActualLrpState.RUNNING, row.state(), "evacuating rows are always RUNNING");
        assertEquals(Presence.EVACUATING, row.presence());
        assertEquals(T0, row.since());
        assertEquals(0, row.crashCount());
    }

    @Test
    void reEvacuatingWithTheSameKeyAndNetInfoChangesNothing() {
        ActualLrp row = ActualLrp.evacuating(KEY, MINE, INFO, T0, "ep");
        assertSame(row, row.reEvacuate(MINE, INFO, T0 + SEC));
        ActualLrp moved = row.reEvacuate(OTHER, RunningInfo.of(NET2), T0 + SEC);
        assertEquals(OTHER, moved.instanceKey());
        assertEquals(NET2, moved.netInfo());
        assertEquals(new ModificationTag("ep", 1), moved.modificationTag());
        assertEquals(Presence.EVACUATING, moved.presence());
        refused(ErrorType.InvalidStateTransition, () -> in(ActualLrpState.RUNNING).reEvacuate(MINE, INFO, T0));
    }

    @Test
    void crashReasonsAndPlacementErrorsAreCutLikeDiegos() {
        String longText = "x".repeat(5000);
        ActualLrp crashed = in(ActualLrpState.RUNNING).crash(MINE, longText, T0 + SEC, RestartPolicy.DEFAULT);
        assertEquals(ActualLrp.MAX_REASON_LENGTH, crashed.crashReason().length());
        assertTrue(crashed.crashReason().endsWith("(truncated)"));
        ActualLrp failed = in(ActualLrpState.UNCLAIMED).failPlacement(longText, T0 + SEC);
        assertEquals(ActualLrp.MAX_REASON_LENGTH, failed.placementError().length());
        assertEquals("short", in(ActualLrpState.UNCLAIMED).failPlacement("short", T0).placementError());
    }

    @Test
    void aPlacementFailureMovesSinceSoTheReauctionCountsFromIt() {
        ActualLrp failed = in(ActualLrpState.UNCLAIMED).failPlacement("no room", T0 + 9 * SEC);
        assertEquals(T0 + 9 * SEC, failed.since());
    }

    @Test
    void claimAndCrashKeepRoutesTagsAndZoneAsDiegosUpdatesDo() {
        ActualLrp running = in(ActualLrpState.CLAIMED).start(KEY, MINE, INFO, T0 + SEC);
        ActualLrp reclaimed = running.claim(MINE, T0 + 2 * SEC);
        assertEquals(INFO.internalRoutes(), reclaimed.actualLrpInternalRoutes());
        assertEquals(NetInfo.EMPTY, reclaimed.netInfo());
        ActualLrp crashed = running.crash(MINE, "boom", T0 + 2 * SEC, RestartPolicy.DEFAULT);
        assertEquals("z1", crashed.availabilityZone());
    }

    @ParameterizedTest(name = "{0}, cell live={1} -> {2}")
    @CsvSource({
            "UNCLAIMED, true,  DELETE",
            "UNCLAIMED, false, DELETE",
            "CRASHED,   true,  DELETE",
            "CRASHED,   false, DELETE",
            "CLAIMED,   true,  STOP_ON_CELL",
            "CLAIMED,   false, DELETE",
            "RUNNING,   true,  STOP_ON_CELL",
            "RUNNING,   false, DELETE",
    })
    void retirementStopsOnlyWhatALiveCellHolds(ActualLrpState state, boolean live, ActualLrp.Retirement expected) {
        assertEquals(expected, in(state).retirement(live ? Set.of(MINE.cellId()) : Set.of("someone-else")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "ORDINARY,   CLAIMED,   SUSPECT",
            "ORDINARY,   RUNNING,   SUSPECT",
            "ORDINARY,   UNCLAIMED, InvalidStateTransition",
            "ORDINARY,   CRASHED,   InvalidStateTransition",
            "SUSPECT,    RUNNING,   InvalidStateTransition",
            "EVACUATING, RUNNING,   InvalidStateTransition",
    })
    void onlyAPlacedOrdinaryRowCanBecomeSuspect(Presence presence, ActualLrpState state, String expected) {
        ActualLrp row = withPresence(in(state), presence);
        if (expected.equals("SUSPECT")) {
            ActualLrp suspect = row.toSuspect();
            assertEquals(Presence.SUSPECT, suspect.presence());
            assertEquals(row.modificationTag().next(), suspect.modificationTag());
            assertEquals(Presence.ORDINARY, suspect.promote().presence());
        } else {
            refused(ErrorType.valueOf(expected), row::toSuspect);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Presence.class, names = {"ORDINARY", "EVACUATING"})
    void onlyASuspectCanBePromoted(Presence presence) {
        refused(ErrorType.InvalidStateTransition, withPresence(in(ActualLrpState.RUNNING), presence)::promote);
    }

    static ActualLrp withPresence(ActualLrp a, Presence p) {
        return new ActualLrp(a.processGuid(), a.index(), a.domain(), a.instanceGuid(), a.cellId(), a.address(), a.ports(),
                a.instanceAddress(), a.preferredAddress(), a.instanceIpv6Address(), a.crashCount(), a.crashReason(),
                a.state(), a.placementError(), a.since(), a.modificationTag(), p, a.actualLrpInternalRoutes(),
                a.metricTags(), a.routable(), a.availabilityZone());
    }
}
