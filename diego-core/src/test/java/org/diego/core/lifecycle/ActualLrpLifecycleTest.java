package org.diego.core.lifecycle;

import static org.diego.core.lifecycle.Rows.A;
import static org.diego.core.lifecycle.Rows.B;
import static org.diego.core.lifecycle.Rows.GUIDS;
import static org.diego.core.lifecycle.Rows.KEY;
import static org.diego.core.lifecycle.Rows.NOW;
import static org.diego.core.lifecycle.Rows.events;
import static org.diego.core.lifecycle.Rows.writes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.model.IndexRows;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.ModificationTag;
import org.diego.core.model.RestartPolicy;
import org.junit.jupiter.api.Test;

/** Diego's lifecycle controller over all rows of an index: what each request writes and announces. */
class ActualLrpLifecycleTest {
    static final ActualLrpLifecycle LIFECYCLE = new ActualLrpLifecycle(NOW, GUIDS, RestartPolicy.DEFAULT, "t");

    static IndexRows rows(ActualLrp... rows) {
        return IndexRows.of(Arrays.asList(rows));
    }

    static void refused(ErrorType type, Runnable op) {
        assertEquals(type, assertThrows(DiegoException.class, op::run).type());
    }

    // ---- claim ----------------------------------------------------------------------------------------

    @Test
    void claimTakesTheWaitingInstance() {
        LrpPlan plan = LIFECYCLE.claim(rows(Rows.unclaimed()), KEY.processGuid(), KEY.index(), A);
        assertEquals(List.of("update UNCLAIMED/ORDINARY -> CLAIMED/ORDINARY a"), writes(plan));
        assertEquals(List.of("changed UNCLAIMED/ORDINARY -> CLAIMED/ORDINARY a"), events(plan.events()));
        assertEquals(new ModificationTag("ep-0", 5), plan.result().modificationTag(), "every write bumps the index");
    }

    @Test
    void repeatingAClaimWritesAndAnnouncesNothing() {
        LrpPlan plan = LIFECYCLE.claim(rows(Rows.claimed(A)), KEY.processGuid(), KEY.index(), A);
        assertTrue(plan.changesNothing());
        assertEquals(List.of(), plan.events());
    }

    @Test
    void aClaimFromTheCellOfASuspectRowIsIgnored() {
        LrpPlan plan = LIFECYCLE.claim(rows(Rows.unclaimed(), Rows.suspect(ActualLrpState.RUNNING, A)),
                KEY.processGuid(), KEY.index(), A);
        assertTrue(plan.changesNothing());
    }

    @Test
    void claimsAreRefusedWhenAnotherCellHoldsTheInstanceOrThereIsNone() {
        refused(ErrorType.ActualLRPCannotBeClaimed, () -> LIFECYCLE.claim(rows(Rows.claimed(B)), "web", 0, A));
        refused(ErrorType.ActualLRPCannotBeClaimed, () -> LIFECYCLE.claim(rows(Rows.crashed()), "web", 0, A));
        refused(ErrorType.ResourceNotFound, () -> LIFECYCLE.claim(IndexRows.NONE, "web", 0, A));
        refused(ErrorType.ResourceNotFound, () -> LIFECYCLE.claim(rows(Rows.evacuating(B)), "web", 0, A));
    }

    // ---- start ----------------------------------------------------------------------------------------

    @Test
    void startRunsTheClaimedInstanceWithWhatTheCellReports() {
        LrpPlan plan = LIFECYCLE.start(rows(Rows.claimed(A)), KEY, A, Rows.info(A));
        assertEquals(List.of("update CLAIMED/ORDINARY a -> RUNNING/ORDINARY a"), writes(plan));
        assertEquals(List.of("changed CLAIMED/ORDINARY -> RUNNING/ORDINARY a"), events(plan.events()));
        assertEquals(Rows.info(A), plan.result().runningInfo());
    }

    @Test
    void startOfAnUnknownIndexCreatesTheRunningRow() {
        LrpPlan plan = LIFECYCLE.start(IndexRows.NONE, KEY, A, Rows.info(A));
        assertEquals(List.of("insert RUNNING/ORDINARY a"), writes(plan));
        assertEquals(List.of("created RUNNING/ORDINARY a"), events(plan.events()));
        assertEquals(new ModificationTag("new-epoch", 0), plan.result().modificationTag());
    }

    @Test
    void aRunningReplacementEndsTheEvacuatingAndSuspectRows() {
        IndexRows rows = rows(Rows.claimed(A), Rows.evacuating(B), Rows.suspect(ActualLrpState.RUNNING, Rows.W));
        LrpPlan plan = LIFECYCLE.start(rows, KEY, A, Rows.info(A));
        assertEquals(List.of("update CLAIMED/ORDINARY a -> RUNNING/ORDINARY a", "delete RUNNING/EVACUATING b",
                "delete RUNNING/SUSPECT w"), writes(plan));
        assertEquals(List.of("changed CLAIMED/ORDINARY -> RUNNING/ORDINARY a", "removed RUNNING/EVACUATING b",
                "removed RUNNING/SUSPECT w"), events(plan.events()), "the running instance is announced first");
    }

    @Test
    void aRepeatedStartStillEndsALeftoverEvacuatingRowLikeDiego() {
        LrpPlan plan = LIFECYCLE.start(rows(Rows.running(A), Rows.evacuating(B)), KEY, A, Rows.info(A));
        assertEquals(List.of("delete RUNNING/EVACUATING b"), writes(plan));
        assertEquals(List.of("removed RUNNING/EVACUATING b"), events(plan.events()));
    }

    @Test
    void aStartFromTheCellOfASuspectRowIsIgnored() {
        LrpPlan plan = LIFECYCLE.start(rows(Rows.claimed(B), Rows.suspect(ActualLrpState.RUNNING, A)), KEY, A, Rows.info(A));
        assertTrue(plan.changesNothing());
        assertEquals(List.of(), plan.events());
    }

    @Test
    void aStartOverAnotherCellsRunningInstanceIsRefusedAndPlansNothing() {
        refused(ErrorType.ActualLRPCannotBeStarted,
                () -> LIFECYCLE.start(rows(Rows.running(B), Rows.evacuating(A)), KEY, A, Rows.info(A)));
    }

    // ---- crash ----------------------------------------------------------------------------------------

    @Test
    void aFirstCrashRestartsAtOnceAndIsAuctioned() {
        LrpPlan plan = LIFECYCLE.crash(rows(Rows.running(A)), KEY, A, "exit 1");
        assertEquals(List.of("update RUNNING/ORDINARY a -> UNCLAIMED/ORDINARY"), writes(plan));
        assertEquals(List.of("crashed a #1", "created UNCLAIMED/ORDINARY", "removed RUNNING/ORDINARY a"),
                events(plan.events()));
        assertEquals(KEY, plan.auction());
    }

    @Test
    void aCrashBeyondTheImmediateRestartsWaitsCrashed() {
        LrpPlan plan = LIFECYCLE.crash(rows(Rows.running(A, 2)), KEY, A, "exit 1");
        assertEquals(List.of("update RUNNING/ORDINARY a -> CRASHED/ORDINARY"), writes(plan));
        assertEquals(List.of("crashed a #3", "changed RUNNING/ORDINARY -> CRASHED/ORDINARY a"), events(plan.events()));
        assertNull(plan.auction());
    }

    @Test
    void aSuspectsCrashRemovesIt() {
        LrpPlan plan = LIFECYCLE.crash(rows(Rows.claimed(B), Rows.suspect(ActualLrpState.RUNNING, A)), KEY, A, "x");
        assertEquals(List.of("delete RUNNING/SUSPECT a"), writes(plan));
        assertEquals(List.of("removed RUNNING/SUSPECT a"), events(plan.events()));
    }

    @Test
    void crashesOfInstancesNotHeldAreRefused() {
        refused(ErrorType.ActualLRPCannotBeCrashed, () -> LIFECYCLE.crash(rows(Rows.running(B)), KEY, A, "x"));
        refused(ErrorType.ActualLRPCannotBeCrashed, () -> LIFECYCLE.crash(rows(Rows.unclaimed()), KEY, A, "x"));
        refused(ErrorType.ResourceNotFound, () -> LIFECYCLE.crash(IndexRows.NONE, KEY, A, "x"));
    }

    // ---- fail -----------------------------------------------------------------------------------------

    @Test
    void failRecordsAPlacementErrorOnAWaitingInstance() {
        LrpPlan plan = LIFECYCLE.fail(rows(Rows.unclaimed()), "insufficient resources");
        assertEquals(List.of("update UNCLAIMED/ORDINARY -> UNCLAIMED/ORDINARY"), writes(plan));
        assertEquals(List.of("changed UNCLAIMED/ORDINARY -> UNCLAIMED/ORDINARY "), events(plan.events()));
        assertEquals(NOW, plan.result().since());
    }

    @Test
    void failOfAnUnknownIndexIsNoErrorButOfAPlacedOneIsRefused() {
        assertTrue(LIFECYCLE.fail(IndexRows.NONE, "x").changesNothing());
        refused(ErrorType.ActualLRPCannotBeFailed, () -> LIFECYCLE.fail(rows(Rows.claimed(A)), "x"));
        assertTrue(LIFECYCLE.failIfUnclaimed(rows(Rows.claimed(A)), "x").changesNothing(),
                "the auctioneer's stale result is dropped quietly");
    }

    // ---- remove ---------------------------------------------------------------------------------------

    @Test
    void removeDeletesTheRowTheCellHolds() {
        LrpPlan plan = LIFECYCLE.remove(rows(Rows.running(A)), "web", 0, A);
        assertEquals(List.of("delete RUNNING/ORDINARY a"), writes(plan));
        assertEquals(List.of("removed RUNNING/ORDINARY a"), events(plan.events()));
        assertEquals(List.of("delete UNCLAIMED/ORDINARY"), writes(LIFECYCLE.remove(rows(Rows.unclaimed()), "web", 0, null)),
                "without an instance key any ORDINARY row goes");
    }

    @Test
    void removeOfARowHeldByAnotherKeyIsNotFound() {
        refused(ErrorType.ResourceNotFound, () -> LIFECYCLE.remove(rows(Rows.running(B)), "web", 0, A));
        refused(ErrorType.ResourceNotFound, () -> LIFECYCLE.remove(rows(Rows.crashed()), "web", 0, A));
        refused(ErrorType.ResourceNotFound, () -> LIFECYCLE.remove(IndexRows.NONE, "web", 0, A));
    }

    @Test
    void aCellMayRemoveTheSuspectRowItHolds() {
        LrpPlan plan = LIFECYCLE.remove(rows(Rows.running(B), Rows.suspect(ActualLrpState.CLAIMED, A)), "web", 0, A);
        assertEquals(List.of("delete CLAIMED/SUSPECT a"), writes(plan));
    }

    // ---- retire ---------------------------------------------------------------------------------------

    @Test
    void retireDeletesWhatNothingRuns() {
        for (ActualLrp row : List.of(Rows.unclaimed(), Rows.crashed(), Rows.running(A))) {
            LrpPlan plan = LIFECYCLE.retire(rows(row), KEY, Set.of("cell-b"));
            assertEquals(List.of("delete " + Rows.describe(row)), writes(plan));
            assertEquals(List.of("removed " + Rows.describe(row)), events(plan.events()));
            assertNull(plan.stop());
        }
    }

    @Test
    void retireOfALiveCellsInstanceStopsItThereAndAnnouncesItGone() {
        ActualLrp running = Rows.running(A);
        LrpPlan plan = LIFECYCLE.retire(rows(running), KEY, Set.of("cell-a"));
        assertTrue(plan.changesNothing(), "the cell removes the row once the container stopped");
        assertSame(running, plan.stop());
        assertEquals(List.of("removed RUNNING/ORDINARY a"), events(plan.events()));
    }

    @Test
    void retireOfAnUnknownIndexIsNotFound() {
        refused(ErrorType.ResourceNotFound, () -> LIFECYCLE.retire(rows(Rows.evacuating(A)), KEY, Set.of()));
    }

    @Test
    void startWithoutAValidInstanceKeyIsInvalid() {
        refused(ErrorType.InvalidRequest, () -> LIFECYCLE.start(IndexRows.NONE, KEY, new InstanceKey("", "c"), Rows.info(A)));
    }
}
