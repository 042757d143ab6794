package org.diego.core.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ActualLRP state machine against Diego's {@code AllowsTransitionTo} table and the bbs SQL
 * lifecycle (claim / start / crash / unclaim / fail / remove). Times are plain nanosecond values.
 */
class ActualLrpTest {
    static final ActualLrpKey KEY = new ActualLrpKey("proc-guid", 2, "cf-apps");
    static final InstanceKey MINE = new InstanceKey("instance-1", "cell-a");
    static final InstanceKey OTHER = new InstanceKey("instance-2", "cell-b");
    /** Same cell, different container: still a different instance key. */
    static final InstanceKey SAME_CELL_OTHER_GUID = new InstanceKey("instance-3", "cell-a");
    static final NetInfo NET = new NetInfo("10.0.0.1", List.of(new PortMapping(8080, 61001)), "172.16.0.5");
    static final NetInfo NET2 = new NetInfo("10.0.0.2", List.of(new PortMapping(8080, 61002)), "172.16.0.6");
    static final RestartPolicy POLICY = RestartPolicy.DEFAULT;
    static final long T0 = 1_700_000_000_000_000_000L;
    static final long SEC = 1_000_000_000L;
    static final long FIVE_MIN = Duration.ofMinutes(5).toNanos();

    enum Rel { SAME, OTHER }

    /** A record in {@code state}; owned states belong to {@link #MINE}. Modification tag index is 5. */
    static ActualLrp in(ActualLrpState state) {
        return in(state, 0);
    }

    static ActualLrp in(ActualLrpState state, int crashCount) {
        boolean owned = state == ActualLrpState.CLAIMED || state == ActualLrpState.RUNNING;
        NetInfo net = state == ActualLrpState.RUNNING ? NET : NetInfo.EMPTY;
        // As stored: a started row is routable with no routes or tags, any other is not routable.
        return new ActualLrp(KEY.processGuid(), KEY.index(), KEY.domain(), owned ? MINE.instanceGuid() : "",
                owned ? MINE.cellId() : "", net.address(), net.ports(), net.instanceAddress(), null, null, crashCount,
                crashCount > 0 ? "exit 1" : "", state, "", T0, new ModificationTag("epoch-1", 5), Presence.ORDINARY,
                List.of(), Map.of(), state == ActualLrpState.RUNNING, "");
    }

    static InstanceKey key(Rel rel) {
        return rel == Rel.SAME ? MINE : OTHER;
    }

    static DiegoException refused(ErrorType type, Runnable op) {
        DiegoException e = assertThrows(DiegoException.class, op::run);
        assertEquals(type, e.type(), e.getMessage());
        return e;
    }

    static void assertWrittenOnce(ActualLrp before, ActualLrp after, long now) {
        assertAll(
                () -> assertEquals(before.modificationTag().epoch(), after.modificationTag().epoch(), "epoch is kept"),
                () -> assertEquals(before.modificationTag().index() + 1, after.modificationTag().index(),
                        "a real write bumps the modification tag index by one"),
                () -> assertEquals(now, after.since(), "since is the time of the write"),
                () -> assertEquals(before.key(), after.key()),
                () -> assertEquals(before.presence(), after.presence()));
    }

    /** Diego's validation of a stored row (§1.4): what every reachable record must satisfy. */
    static void assertValidRecord(ActualLrp lrp) {
        switch (lrp.state()) {
            case UNCLAIMED, CRASHED -> {
                assertTrue(lrp.instanceKey().isEmpty(), "no instance key when " + lrp.state() + ": " + lrp);
                assertEquals("", lrp.cellId());
                assertEquals(NetInfo.EMPTY, lrp.netInfo(), "no net info when " + lrp.state());
            }
            case CLAIMED -> {
                assertTrue(!lrp.instanceKey().isEmpty(), "CLAIMED has an instance key");
                assertEquals(NetInfo.EMPTY, lrp.netInfo(), "CLAIMED has no net info yet");
            }
            case RUNNING -> assertTrue(!lrp.instanceKey().isEmpty(), "RUNNING has an instance key");
        }
        if (lrp.state() != ActualLrpState.UNCLAIMED) {
            assertEquals("", lrp.placementError(), "placement_error only on UNCLAIMED");
        }
    }

    @Nested
    class Construction {
        @Test
        void unclaimedFactoryStartsAFreshOrdinaryRecord() {
            ActualLrp lrp = ActualLrp.unclaimed(KEY, T0, "epoch-x");
            assertAll(
                    () -> assertEquals(ActualLrpState.UNCLAIMED, lrp.state()),
                    () -> assertEquals(KEY, lrp.key()),
                    () -> assertEquals(T0, lrp.since()),
                    () -> assertEquals(new ModificationTag("epoch-x", 0), lrp.modificationTag()),
                    () -> assertEquals(Presence.ORDINARY, lrp.presence()),
                    () -> assertEquals(0, lrp.crashCount()),
                    () -> assertTrue(lrp.instanceKey().isEmpty()),
                    () -> assertEquals(NetInfo.EMPTY, lrp.netInfo()),
                    () -> assertEquals("", lrp.placementError()));
        }

        @Test
        void nullsAreNormalisedToEmptyValues() {
            ActualLrp lrp = new ActualLrp("p", 0, "d", null, null, null, null, null, 0, null,
                    ActualLrpState.UNCLAIMED, null, 0, new ModificationTag("e", 0), null);
            assertAll(
                    () -> assertEquals(InstanceKey.EMPTY, lrp.instanceKey()),
                    () -> assertEquals(NetInfo.EMPTY, lrp.netInfo()),
                    () -> assertEquals("", lrp.crashReason()),
                    () -> assertEquals("", lrp.placementError()),
                    () -> assertEquals(Presence.ORDINARY, lrp.presence()));
        }

        @Test
        void accessorsRegroupTheFlattenedFields() {
            ActualLrp running = in(ActualLrpState.RUNNING);
            assertEquals(KEY, running.key());
            assertEquals(MINE, running.instanceKey());
            assertEquals(NET, running.netInfo());
        }
    }

    @Nested
    class Claim {
        @ParameterizedTest(name = "{0} claimed by {1} key -> {2}")
        @CsvSource({
                "UNCLAIMED, SAME,  CLAIMED",
                "UNCLAIMED, OTHER, CLAIMED",
                "CLAIMED,   SAME,  NOOP",
                "CLAIMED,   OTHER, ActualLRPCannotBeClaimed",
                "RUNNING,   SAME,  CLAIMED",
                "RUNNING,   OTHER, ActualLRPCannotBeClaimed",
                "CRASHED,   SAME,  ActualLRPCannotBeClaimed",
                "CRASHED,   OTHER, ActualLRPCannotBeClaimed",
        })
        void transitionTable(ActualLrpState from, Rel rel, String expected) {
            ActualLrp before = in(from, 1);
            InstanceKey by = key(rel);
            long now = T0 + 7 * SEC;
            switch (expected) {
                case "NOOP" -> assertSame(before, before.claim(by, now), "repeating a claim writes nothing");
                case "CLAIMED" -> {
                    ActualLrp after = before.claim(by, now);
                    assertEquals(ActualLrpState.CLAIMED, after.state());
                    assertEquals(by, after.instanceKey());
                    assertEquals(NetInfo.EMPTY, after.netInfo(), "a claim carries no net info");
                    assertEquals(1, after.crashCount(), "crash history is kept");
                    assertEquals("exit 1", after.crashReason());
                    assertWrittenOnce(before, after, now);
                    assertValidRecord(after);
                }
                default -> {
                    DiegoException e = refused(ErrorType.valueOf(expected), () -> before.claim(by, now));
                    assertTrue(e.getMessage().contains("claim") && e.getMessage().contains("proc-guid/2"), e.getMessage());
                }
            }
        }

        @Test
        void aDifferentInstanceGuidOnTheSameCellIsADifferentKey() {
            refused(ErrorType.ActualLRPCannotBeClaimed,
                    () -> in(ActualLrpState.CLAIMED).claim(SAME_CELL_OTHER_GUID, T0 + 1));
        }

        @Test
        void claimingClearsAPlacementError() {
            ActualLrp failed = ActualLrp.unclaimed(KEY, T0, "e").failPlacement("insufficient resources: memory");
            ActualLrp claimed = failed.claim(MINE, T0 + 1);
            assertEquals("", claimed.placementError());
        }

        @Test
        void repeatedClaimsWriteOnlyOnce() {
            ActualLrp once = ActualLrp.unclaimed(KEY, T0, "e").claim(MINE, T0 + 1);
            ActualLrp twice = once.claim(MINE, T0 + 2).claim(MINE, T0 + 3);
            assertSame(once, twice);
            assertEquals(1, twice.modificationTag().index());
            assertEquals(T0 + 1, twice.since(), "a no-op does not move since");
        }

        @ParameterizedTest
        @EnumSource(ActualLrpState.class)
        void anIncompleteInstanceKeyIsAnInvalidRequestNamingTheField(ActualLrpState from) {
            ActualLrp before = in(from);
            ValidationException noGuid = assertThrows(ValidationException.class,
                    () -> before.claim(new InstanceKey("", "cell-a"), T0));
            assertEquals("instance_guid", noGuid.field());
            assertEquals(ErrorType.InvalidRequest, noGuid.type());
            ValidationException noCell = assertThrows(ValidationException.class,
                    () -> before.claim(new InstanceKey("g", null), T0));
            assertEquals("cell_id", noCell.field());
            assertThrows(ValidationException.class, () -> before.claim(InstanceKey.EMPTY, T0));
        }
    }

    @Nested
    class Start {
        @ParameterizedTest(name = "{0} started by {1} key -> {2}")
        @CsvSource({
                "UNCLAIMED, SAME,  RUNNING",
                "UNCLAIMED, OTHER, RUNNING",
                // Diego: CLAIMED -> RUNNING needs no key match (a start replaces another cell's claim).
                "CLAIMED,   SAME,  RUNNING",
                "CLAIMED,   OTHER, RUNNING",
                "RUNNING,   SAME,  NOOP",
                "RUNNING,   OTHER, ActualLRPCannotBeStarted",
                "CRASHED,   SAME,  ActualLRPCannotBeStarted",
                "CRASHED,   OTHER, ActualLRPCannotBeStarted",
        })
        void transitionTable(ActualLrpState from, Rel rel, String expected) {
            ActualLrp before = in(from, 2);
            InstanceKey by = key(rel);
            long now = T0 + 9 * SEC;
            switch (expected) {
                case "NOOP" -> assertSame(before, before.start(by, NET, now), "same key and net info: nothing to change");
                case "RUNNING" -> {
                    ActualLrp after = before.start(by, NET, now);
                    assertEquals(ActualLrpState.RUNNING, after.state());
                    assertEquals(by, after.instanceKey());
                    assertEquals(NET, after.netInfo());
                    assertEquals(2, after.crashCount(), "starting keeps the crash count");
                    assertWrittenOnce(before, after, now);
                    assertValidRecord(after);
                }
                default -> {
                    DiegoException e = refused(ErrorType.valueOf(expected), () -> before.start(by, NET, now));
                    assertTrue(e.getMessage().contains("start"), e.getMessage());
                }
            }
        }

        @Test
        void runningInstanceReportingNewNetInfoIsARealWrite() {
            ActualLrp running = in(ActualLrpState.RUNNING);
            ActualLrp moved = running.start(MINE, NET2, T0 + SEC);
            assertNotSame(running, moved);
            assertEquals(NET2, moved.netInfo());
            assertWrittenOnce(running, moved, T0 + SEC);
        }

        @Test
        void startingClearsAPlacementError() {
            ActualLrp failed = ActualLrp.unclaimed(KEY, T0, "e").failPlacement("boom");
            assertEquals("", failed.start(MINE, NET, T0 + 1).placementError());
        }

        @Test
        void repeatedStartsWriteOnlyOnce() {
            ActualLrp once = ActualLrp.unclaimed(KEY, T0, "e").claim(MINE, T0 + 1).start(MINE, NET, T0 + 2);
            assertSame(once, once.start(MINE, NET, T0 + 3));
            assertEquals(2, once.modificationTag().index());
        }

        @Test
        void anIncompleteInstanceKeyIsRejected() {
            assertThrows(ValidationException.class, () -> in(ActualLrpState.UNCLAIMED).start(InstanceKey.EMPTY, NET, T0));
        }
    }

    @Nested
    class Crash {
        @ParameterizedTest(name = "{0} crashed by {1} key -> {2}")
        @CsvSource({
                "UNCLAIMED, SAME,  ActualLRPCannotBeCrashed",
                "UNCLAIMED, OTHER, ActualLRPCannotBeCrashed",
                "CLAIMED,   SAME,  OK",
                "CLAIMED,   OTHER, ActualLRPCannotBeCrashed",
                "RUNNING,   SAME,  OK",
                "RUNNING,   OTHER, ActualLRPCannotBeCrashed",
                "CRASHED,   SAME,  ActualLRPCannotBeCrashed",
                "CRASHED,   OTHER, ActualLRPCannotBeCrashed",
        })
        void transitionTable(ActualLrpState from, Rel rel, String expected) {
            ActualLrp before = in(from, 0);
            InstanceKey by = key(rel);
            long now = T0 + 11 * SEC;
            if (expected.equals("OK")) {
                ActualLrp after = before.crash(by, "exited with status 2", now, POLICY);
                assertEquals(1, after.crashCount());
                assertEquals("exited with status 2", after.crashReason());
                assertEquals(InstanceKey.EMPTY, after.instanceKey(), "crash clears the instance key");
                assertEquals(NetInfo.EMPTY, after.netInfo(), "crash clears the net info");
                assertWrittenOnce(before, after, now);
                assertValidRecord(after);
            } else {
                DiegoException e = refused(ErrorType.valueOf(expected),
                        () -> before.crash(by, "x", now, POLICY));
                assertTrue(e.getMessage().contains("crash"), e.getMessage());
            }
        }

        @Test
        void anEmptyInstanceKeyCannotCrashAnOwnedInstance() {
            refused(ErrorType.ActualLRPCannotBeCrashed,
                    () -> in(ActualLrpState.RUNNING).crash(InstanceKey.EMPTY, "x", T0 + 1, POLICY));
        }

        @ParameterizedTest(name = "count {0} -> {1} after the crash, state {2}")
        @CsvSource({
                "0,   1,   UNCLAIMED",
                "1,   2,   UNCLAIMED",
                "2,   3,   CRASHED",
                "3,   4,   CRASHED",
                "7,   8,   CRASHED",
                "198, 199, CRASHED",
                "199, 200, CRASHED",
                "250, 251, CRASHED",
        })
        void crashCountIncrementsAndOnlyTheFirstTwoRestartImmediately(int countBefore, int countAfter,
                                                                      ActualLrpState state) {
            for (ActualLrpState from : List.of(ActualLrpState.CLAIMED, ActualLrpState.RUNNING)) {
                ActualLrp after = in(from, countBefore).crash(MINE, "boom", T0 + SEC, POLICY);
                assertEquals(countAfter, after.crashCount(), from.toString());
                assertEquals(state, after.state(), from.toString());
                assertValidRecord(after);
            }
        }

        @Test
        void runningLongerThanFiveMinutesResetsTheCountToOne() {
            ActualLrp running = in(ActualLrpState.RUNNING, 10);
            ActualLrp justOver = running.crash(MINE, "boom", T0 + FIVE_MIN + 1, POLICY);
            assertEquals(1, justOver.crashCount());
            assertEquals(ActualLrpState.UNCLAIMED, justOver.state(), "count 1 restarts immediately");

            ActualLrp exactlyFive = running.crash(MINE, "boom", T0 + FIVE_MIN, POLICY);
            assertEquals(11, exactlyFive.crashCount(), "Diego resets only when strictly longer than 5 min");
            assertEquals(ActualLrpState.CRASHED, exactlyFive.state());
        }

        @Test
        void aLongClaimIsNotALongRun() {
            ActualLrp claimed = in(ActualLrpState.CLAIMED, 4);
            ActualLrp after = claimed.crash(MINE, "boom", T0 + Duration.ofHours(1).toNanos(), POLICY);
            assertEquals(5, after.crashCount(), "only time spent RUNNING resets the count");
        }

        @Test
        void theResetTimeoutComesFromThePolicy() {
            RestartPolicy quick = new RestartPolicy(3, 200, Duration.ofSeconds(30), Duration.ofMinutes(16),
                    Duration.ofSeconds(10));
            ActualLrp after = in(ActualLrpState.RUNNING, 6).crash(MINE, "boom", T0 + 10 * SEC + 1, quick);
            assertEquals(1, after.crashCount());
        }

        @Test
        void threeCrashesInARowFromAFreshInstance() {
            long t = T0;
            ActualLrp lrp = ActualLrp.unclaimed(KEY, t, "e");
            ActualLrpState[] expected = {ActualLrpState.UNCLAIMED, ActualLrpState.UNCLAIMED, ActualLrpState.CRASHED};
            for (int i = 0; i < 3; i++) {
                lrp = lrp.claim(MINE, t += SEC).start(MINE, NET, t += SEC).crash(MINE, "boom", t += SEC, POLICY);
                assertEquals(i + 1, lrp.crashCount());
                assertEquals(expected[i], lrp.state(), "after crash " + (i + 1));
            }
            // The CRASHED row cannot crash again; convergence unclaims it after the back-off.
            ActualLrp crashed = lrp;
            refused(ErrorType.ActualLRPCannotBeCrashed, () -> crashed.crash(MINE, "again", T0, POLICY));
            assertEquals(9, crashed.modificationTag().index(), "three writes per cycle");
        }
    }

    @Nested
    class Unclaim {
        @ParameterizedTest
        @EnumSource(value = ActualLrpState.class, names = {"CLAIMED", "RUNNING", "CRASHED"})
        void givesTheSlotBackKeepingTheCrashHistory(ActualLrpState from) {
            ActualLrp before = in(from, 4);
            long now = T0 + 13 * SEC;
            ActualLrp after = before.unclaim(now);
            assertEquals(ActualLrpState.UNCLAIMED, after.state());
            assertEquals(InstanceKey.EMPTY, after.instanceKey());
            assertEquals(NetInfo.EMPTY, after.netInfo());
            assertEquals(4, after.crashCount());
            assertEquals("exit 1", after.crashReason());
            assertWrittenOnce(before, after, now);
            assertValidRecord(after);
        }

        @Test
        void anUnclaimedInstanceCannotBeUnclaimedAgain() {
            ActualLrp unclaimed = in(ActualLrpState.UNCLAIMED);
            DiegoException e = refused(ErrorType.ActualLRPCannotBeUnclaimed, () -> unclaimed.unclaim(T0 + SEC));
            assertTrue(e.getMessage().contains("proc-guid/2"), e.getMessage());
        }

        @Test
        void aRepeatedUnclaimIsRefusedSoItCannotResetTheStaleTimer() {
            ActualLrp once = in(ActualLrpState.RUNNING).unclaim(T0 + SEC);
            refused(ErrorType.ActualLRPCannotBeUnclaimed, () -> once.unclaim(T0 + 40 * SEC));
        }
    }

    @Nested
    class FailPlacement {
        @Test
        void recordsTheErrorOnAnUnclaimedInstance() {
            ActualLrp before = in(ActualLrpState.UNCLAIMED);
            ActualLrp after = before.failPlacement("found no compatible cell for required rootfs");
            assertEquals("found no compatible cell for required rootfs", after.placementError());
            assertEquals(ActualLrpState.UNCLAIMED, after.state());
            assertEquals(before.modificationTag().next(), after.modificationTag());
            assertEquals(before.since(), after.since(), "failPlacement takes no time; since is unchanged");
            assertValidRecord(after);
        }

        @Test
        void everyFailureIsAWriteAndTheLatestErrorWins() {
            ActualLrp first = in(ActualLrpState.UNCLAIMED).failPlacement("a");
            ActualLrp second = first.failPlacement("b");
            assertEquals("b", second.placementError());
            assertEquals(first.modificationTag().index() + 1, second.modificationTag().index());
        }

        @ParameterizedTest
        @EnumSource(value = ActualLrpState.class, names = {"CLAIMED", "RUNNING", "CRASHED"})
        void onlyUnclaimedCanCarryAPlacementError(ActualLrpState from) {
            DiegoException e = refused(ErrorType.ActualLRPCannotBeFailed, () -> in(from).failPlacement("x"));
            assertTrue(e.getMessage().contains(from.name()), e.getMessage());
        }
    }

    @Nested
    class Remove {
        /** Diego deletes WHERE instance key = the request's, or any ORDINARY row when the request has none. */
        @ParameterizedTest(name = "{0} removed by {1}")
        @CsvSource({
                "UNCLAIMED, MINE,  ResourceNotFound",
                "UNCLAIMED, OTHER, ResourceNotFound",
                "UNCLAIMED, EMPTY, OK",
                "UNCLAIMED, NONE,  OK",
                "CRASHED,   MINE,  ResourceNotFound",
                "CRASHED,   OTHER, ResourceNotFound",
                "CRASHED,   EMPTY, OK",
                "CRASHED,   NONE,  OK",
                "CLAIMED,   MINE,  OK",
                "CLAIMED,   OTHER, ResourceNotFound",
                "CLAIMED,   EMPTY, ResourceNotFound",
                "CLAIMED,   NONE,  OK",
                "RUNNING,   MINE,  OK",
                "RUNNING,   OTHER, ResourceNotFound",
                "RUNNING,   EMPTY, ResourceNotFound",
                "RUNNING,   NONE,  OK",
        })
        void onlyTheRowHoldingTheGivenKeyGoes(ActualLrpState state, String who, String expected) {
            InstanceKey by = switch (who) {
                case "MINE" -> MINE;
                case "OTHER" -> OTHER;
                case "EMPTY" -> InstanceKey.EMPTY;
                default -> null;
            };
            ActualLrp lrp = in(state);
            if (expected.equals("OK")) {
                assertDoesNotThrow(() -> lrp.checkRemovableBy(by));
            } else {
                DiegoException e = refused(ErrorType.valueOf(expected), () -> lrp.checkRemovableBy(by));
                assertTrue(e.getMessage().contains("proc-guid/2"), e.getMessage());
            }
        }

        @Test
        void sameCellDifferentContainerMayNotRemove() {
            refused(ErrorType.ResourceNotFound, () -> in(ActualLrpState.RUNNING).checkRemovableBy(SAME_CELL_OTHER_GUID));
        }
    }

    // ---- property: random lifecycles keep the record valid and count writes exactly -------------------

    record Op(String name, InstanceKey by, long dt, Function<ActualLrp, ActualLrp> apply) {
        @Override
        public String toString() {
            return name + "(" + (by == null ? "" : by.instanceGuid()) + ", +" + dt + "ns)";
        }
    }

    @Provide
    Arbitrary<List<Op>> lifecycles() {
        Arbitrary<InstanceKey> who = Arbitraries.of(MINE, OTHER);
        Arbitrary<NetInfo> net = Arbitraries.of(NET, NET2);
        Arbitrary<Long> dt = Arbitraries.oneOf(Arbitraries.longs().between(0, 10 * SEC),
                Arbitraries.of(FIVE_MIN, FIVE_MIN + 1));
        Arbitrary<String> kind = Arbitraries.of("claim", "start", "crash", "unclaim", "fail");
        return Combinators.combine(kind, who, net, dt).as((k, by, n, d) -> op(k, by, n, d)).list().ofMaxSize(30);
    }

    private static Op op(String kind, InstanceKey by, NetInfo net, long dt) {
        // The function receives the record and reads the clock from its since + dt.
        return switch (kind) {
            case "claim" -> new Op(kind, by, dt, l -> l.claim(by, l.since() + dt));
            case "start" -> new Op(kind, by, dt, l -> l.start(by, net, l.since() + dt));
            case "crash" -> new Op(kind, by, dt, l -> l.crash(by, "boom", l.since() + dt, POLICY));
            case "unclaim" -> new Op(kind, null, dt, l -> l.unclaim(l.since() + dt));
            default -> new Op(kind, null, dt, l -> l.failPlacement("no room"));
        };
    }

    @Property(tries = 300)
    void everyRealWriteBumpsTheTagByOneAndRecordsStayValid(@ForAll("lifecycles") List<Op> ops) {
        ActualLrp lrp = ActualLrp.unclaimed(KEY, T0, "epoch");
        int writes = 0;
        for (Op op : ops) {
            ActualLrp before = lrp;
            ActualLrp after;
            try {
                after = op.apply().apply(before);
            } catch (DiegoException refusedOp) {
                assertTrue(refusedOp.type().name().startsWith("ActualLRPCannotBe"), refusedOp.getMessage());
                continue;
            }
            if (after != before) {
                writes++;
                assertEquals(before.modificationTag().index() + 1, after.modificationTag().index(), op.toString());
                assertTrue(after.since() >= before.since(), "time never runs backwards");
            }
            if (before.state() == ActualLrpState.RUNNING && after.state() != ActualLrpState.RUNNING
                    && op.name().equals("crash") && after.crashCount() == 1) {
                assertTrue(before.crashCount() == 0 || after.since() - before.since() > FIVE_MIN,
                        "count restarts at 1 only after running > 5 min");
            }
            assertValidRecord(after);
            assertEquals(KEY, after.key());
            lrp = after;
        }
        assertEquals(writes, lrp.modificationTag().index());
        assertEquals("epoch", lrp.modificationTag().epoch());
    }
}
