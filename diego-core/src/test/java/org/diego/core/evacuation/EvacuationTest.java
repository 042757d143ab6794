package org.diego.core.evacuation;

import static org.diego.core.lifecycle.Rows.A;
import static org.diego.core.lifecycle.Rows.B;
import static org.diego.core.lifecycle.Rows.GUIDS;
import static org.diego.core.lifecycle.Rows.KEY;
import static org.diego.core.lifecycle.Rows.NOW;
import static org.diego.core.lifecycle.Rows.W;
import static org.diego.core.lifecycle.Rows.events;
import static org.diego.core.lifecycle.Rows.writes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.diego.core.lifecycle.LrpPlan;
import org.diego.core.lifecycle.RowWrite;
import org.diego.core.lifecycle.Rows;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.model.IndexRows;
import org.diego.core.model.ModificationTag;
import org.diego.core.model.Presence;
import org.diego.core.model.RestartPolicy;
import org.diego.core.model.RunningInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Diego's evacuation controller, table by table. Cell α (instance key {@code a}) reports; β ({@code b})
 * and ω ({@code w}) are other cells, as in diego-notes' "Harmonizing during evacuation".
 */
class EvacuationTest {
    static final Evacuation EVACUATION = new Evacuation(NOW, GUIDS, RestartPolicy.DEFAULT, "t");
    static final DesiredState DESIRED = DesiredState.rolling(1);

    static IndexRows rows(ActualLrp... rows) {
        List<ActualLrp> list = new ArrayList<>();
        for (ActualLrp r : rows) {
            if (r != null) {
                list.add(r);
            }
        }
        return IndexRows.of(list);
    }

    record Case(String name, IndexRows rows, boolean keep, List<String> writes, List<String> events, boolean auction) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Arguments c(String name, ActualLrp instance, ActualLrp evacuating, boolean keep, List<String> writes,
                       List<String> events, boolean auction) {
        return Arguments.of(new Case(name, rows(instance, evacuating), keep, writes, events, auction));
    }

    static final List<String> NONE = List.of();
    static final List<String> DANCE_WRITES = List.of("insert RUNNING/EVACUATING a", "update %s a -> UNCLAIMED/ORDINARY");
    static final List<String> DANCE_EVENTS = List.of("changed %s -> RUNNING/EVACUATING a", "created UNCLAIMED/ORDINARY");

    static List<String> fmt(List<String> lines, String from) {
        return lines.stream().map(l -> l.replace("%s", from)).toList();
    }

    /** The "When the container is in the Running state" table (rows as the controller implements them). */
    static Stream<Arguments> runningTable() {
        return Stream.of(
                c("UNCLAIMED / -: create the evacuating row", Rows.unclaimed(), null, true,
                        List.of("insert RUNNING/EVACUATING a"), List.of("created RUNNING/EVACUATING a"), false),
                c("UNCLAIMED+error / -: the controller also creates it", Rows.unclaimedWithError(), null, true,
                        List.of("insert RUNNING/EVACUATING a"), List.of("created RUNNING/EVACUATING a"), false),
                c("UNCLAIMED / RUNNING-a: wait for the auction", Rows.unclaimed(), Rows.evacuating(A), true,
                        NONE, NONE, false),
                c("UNCLAIMED / RUNNING-b: delete the container", Rows.unclaimed(), Rows.evacuating(B), false,
                        NONE, NONE, false),
                c("CLAIMED-a / -: the dance", Rows.claimed(A), null, true,
                        fmt(DANCE_WRITES, "CLAIMED/ORDINARY"), fmt(DANCE_EVENTS, "CLAIMED/ORDINARY"), true),
                c("CLAIMED-a / RUNNING-a: unclaim the instance", Rows.claimed(A), Rows.evacuating(A), true,
                        List.of("update CLAIMED/ORDINARY a -> UNCLAIMED/ORDINARY"),
                        List.of("created UNCLAIMED/ORDINARY", "removed CLAIMED/ORDINARY a"), true),
                c("CLAIMED-a / RUNNING-b: take over the evacuating row, unclaim", Rows.claimed(A), Rows.evacuating(B), true,
                        List.of("update RUNNING/EVACUATING b -> RUNNING/EVACUATING a",
                                "update CLAIMED/ORDINARY a -> UNCLAIMED/ORDINARY"),
                        List.of("changed CLAIMED/ORDINARY -> RUNNING/EVACUATING a", "removed RUNNING/EVACUATING b",
                                "created UNCLAIMED/ORDINARY"), true),
                c("CLAIMED-w / -: create the evacuating row", Rows.claimed(W), null, true,
                        List.of("insert RUNNING/EVACUATING a"), List.of("created RUNNING/EVACUATING a"), false),
                c("CLAIMED-w / RUNNING-a: wait for w", Rows.claimed(W), Rows.evacuating(A), true, NONE, NONE, false),
                c("CLAIMED-w / RUNNING-b: delete the container", Rows.claimed(W), Rows.evacuating(B), false,
                        NONE, NONE, false),
                c("RUNNING-a / -: the dance", Rows.running(A), null, true,
                        fmt(DANCE_WRITES, "RUNNING/ORDINARY"), fmt(DANCE_EVENTS, "RUNNING/ORDINARY"), true),
                c("RUNNING-a / RUNNING-a: unclaim the instance", Rows.running(A), Rows.evacuating(A), true,
                        List.of("update RUNNING/ORDINARY a -> UNCLAIMED/ORDINARY"),
                        List.of("created UNCLAIMED/ORDINARY", "removed RUNNING/ORDINARY a"), true),
                c("RUNNING-a / RUNNING-b: take over the evacuating row, unclaim", Rows.running(A), Rows.evacuating(B), true,
                        List.of("update RUNNING/EVACUATING b -> RUNNING/EVACUATING a",
                                "update RUNNING/ORDINARY a -> UNCLAIMED/ORDINARY"),
                        List.of("changed RUNNING/ORDINARY -> RUNNING/EVACUATING a", "removed RUNNING/EVACUATING b",
                                "created UNCLAIMED/ORDINARY"), true),
                c("RUNNING-w / -: delete the container", Rows.running(W), null, false, NONE, NONE, false),
                c("RUNNING-w / RUNNING-a: delete the evacuating row and the container", Rows.running(W),
                        Rows.evacuating(A), false, List.of("delete RUNNING/EVACUATING a"),
                        List.of("removed RUNNING/EVACUATING a"), false),
                c("RUNNING-w / RUNNING-b: delete the container", Rows.running(W), Rows.evacuating(B), false,
                        NONE, NONE, false),
                c("CRASHED / -: delete the container", Rows.crashed(), null, false, NONE, NONE, false),
                c("CRASHED / RUNNING-a: delete the evacuating row and the container", Rows.crashed(), Rows.evacuating(A),
                        false, List.of("delete RUNNING/EVACUATING a"), List.of("removed RUNNING/EVACUATING a"), false),
                c("CRASHED / RUNNING-b: delete the container", Rows.crashed(), Rows.evacuating(B), false,
                        NONE, NONE, false),
                c("- / -: delete the container", null, null, false, NONE, NONE, false),
                c("- / RUNNING-a: scaled down, delete the evacuating row", null, Rows.evacuating(A), false,
                        List.of("delete RUNNING/EVACUATING a"), List.of("removed RUNNING/EVACUATING a"), false),
                c("- / RUNNING-b: delete the container", null, Rows.evacuating(B), false, NONE, NONE, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runningTable")
    void evacuateRunning(Case c) {
        EvacuationOutcome out = EVACUATION.running(c.rows(), KEY, A, Rows.info(A), DESIRED);
        assertNull(out.error());
        assertEquals(c.keep(), out.keepContainer(), "keep_container");
        assertEquals(c.writes(), writes(out.plan()), "writes");
        assertEquals(c.events(), events(out.plan().events()), "events");
        assertEquals(c.auction() ? KEY : null, out.plan().auction(), "auction");
    }

    @Test
    void theDanceMovesTheStoredRunningInstanceAndUnclaimsWithANewTagIndex() {
        ActualLrp running = Rows.running(A);
        LrpPlan plan = EVACUATION.running(rows(running), KEY, A, Rows.info(A), DESIRED).plan();
        ActualLrp evacuating = ((RowWrite.Insert) plan.writes().get(0)).row();
        assertEquals(running.runningInfo(), evacuating.runningInfo());
        assertEquals(new ModificationTag("new-epoch", 0), evacuating.modificationTag());
        assertEquals(NOW, evacuating.since());
        ActualLrp unclaimed = ((RowWrite.Update) plan.writes().get(1)).after();
        assertEquals(running.modificationTag().next(), unclaimed.modificationTag());
    }

    @Test
    void aClaimedInstanceIsMovedWithTheNetInfoTheCellReports() {
        ActualLrp evacuating = ((RowWrite.Insert) EVACUATION.running(rows(Rows.claimed(A)), KEY, A, Rows.info(A), DESIRED)
                .plan().writes().get(0)).row();
        assertEquals(Rows.net(A), evacuating.netInfo(), "a CLAIMED row has no net info of its own yet");
    }

    @Test
    void reportingNewNetInfoForTheEvacuatingRowUpdatesIt() {
        RunningInfo moved = new RunningInfo(Rows.net(B), List.of(), java.util.Map.of(), true, "z1");
        EvacuationOutcome out = EVACUATION.running(rows(Rows.unclaimed(), Rows.evacuating(A)), KEY, A, moved, DESIRED);
        assertEquals(List.of("update RUNNING/EVACUATING a -> RUNNING/EVACUATING a"), writes(out.plan()));
        assertEquals(List.of("changed RUNNING/EVACUATING -> RUNNING/EVACUATING a"), events(out.plan().events()));
        assertEquals(true, out.keepContainer());
    }

    @Test
    void aSuspectInstanceIsMovedAndItsReplacementLeftToBePlaced() {
        // diego-notes, "The missing cell-1 making API calls to BBS": i1 RUNNING SUSPECT, i2 CLAIMED ORDINARY.
        EvacuationOutcome out = EVACUATION.running(rows(Rows.claimed(W), Rows.suspect(ActualLrpState.RUNNING, A)),
                KEY, A, Rows.info(A), DESIRED);
        assertEquals(true, out.keepContainer());
        assertEquals(List.of("insert RUNNING/EVACUATING a", "delete RUNNING/SUSPECT a"), writes(out.plan()));
        assertEquals(List.of("changed RUNNING/SUSPECT -> RUNNING/EVACUATING a"), events(out.plan().events()));
        assertNull(out.plan().auction(), "the replacement is already being placed");
    }

    @Test
    void aRemovedDesiredLrpEndsTheEvacuation() {
        EvacuationOutcome out = EVACUATION.running(rows(Rows.unclaimed(), Rows.evacuating(A)), KEY, A, Rows.info(A),
                DesiredState.ABSENT);
        assertEquals(false, out.keepContainer());
        assertEquals(List.of("delete RUNNING/EVACUATING a"), writes(out.plan()));
        EvacuationOutcome notYet = EVACUATION.running(rows(Rows.running(A)), KEY, A, Rows.info(A), DesiredState.ABSENT);
        assertEquals(List.of(), writes(notYet.plan()), "nothing to do for the ORDINARY row: retirement handles it");
        assertEquals(false, notYet.keepContainer());
    }

    // ---- recreate strategy ----------------------------------------------------------------------------

    @Test
    void recreateUnclaimsOnlyWhenEveryInstanceRuns() {
        EvacuationOutcome all = EVACUATION.running(rows(Rows.running(A)), KEY, A, Rows.info(A), DesiredState.recreate(3, 3));
        assertEquals(false, all.keepContainer());
        assertEquals(List.of("update RUNNING/ORDINARY a -> UNCLAIMED/ORDINARY"), writes(all.plan()));
        assertEquals(List.of("created UNCLAIMED/ORDINARY", "removed RUNNING/ORDINARY a"), events(all.plan().events()));
        assertEquals(KEY, all.plan().auction());

        EvacuationOutcome busy = EVACUATION.running(rows(Rows.running(A)), KEY, A, Rows.info(A), DesiredState.recreate(3, 2));
        assertEquals(true, busy.keepContainer(), "another instance is moving: keep serving");
        assertEquals(List.of(), writes(busy.plan()));
    }

    @Test
    void recreateNeverKeepsAnEvacuatingOrSuspectRow() {
        EvacuationOutcome evac = EVACUATION.running(rows(Rows.unclaimed(), Rows.evacuating(A)), KEY, A, Rows.info(A),
                DesiredState.recreate(1, 0));
        assertEquals(List.of("delete RUNNING/EVACUATING a"), writes(evac.plan()));
        assertEquals(false, evac.keepContainer());
        EvacuationOutcome suspect = EVACUATION.running(rows(Rows.claimed(W), Rows.suspect(ActualLrpState.RUNNING, A)),
                KEY, A, Rows.info(A), DesiredState.recreate(1, 0));
        assertEquals(List.of("delete RUNNING/SUSPECT a"), writes(suspect.plan()));
        EvacuationOutcome gone = EVACUATION.running(rows(Rows.claimed(W)), KEY, A, Rows.info(A), DesiredState.recreate(1, 0));
        assertEquals(List.of(), writes(gone.plan()));
        assertEquals(false, gone.keepContainer());
    }

    // ---- claimed, crashed, stopped --------------------------------------------------------------------

    @Test
    void evacuateClaimedGivesTheInstanceBackToTheAuction() {
        for (ActualLrp held : List.of(Rows.claimed(A), Rows.running(A))) {
            EvacuationOutcome out = EVACUATION.claimed(rows(held), KEY, A);
            assertEquals(false, out.keepContainer());
            assertEquals(List.of("update " + Rows.describe(held) + " -> UNCLAIMED/ORDINARY"), writes(out.plan()));
            assertEquals(List.of("created UNCLAIMED/ORDINARY", "removed " + Rows.describe(held)), events(out.plan().events()));
            assertEquals(KEY, out.plan().auction());
        }
    }

    @Test
    void evacuatingAndSuspectRowsOfTheReportingContainerAreDeleted() {
        for (ActualLrp held : List.of(Rows.evacuating(A), Rows.suspect(ActualLrpState.CLAIMED, A))) {
            IndexRows rows = rows(Rows.claimed(W), held);
            for (EvacuationOutcome out : List.of(EVACUATION.claimed(rows, KEY, A), EVACUATION.stopped(rows, KEY, A),
                    EVACUATION.crashed(rows, KEY, A, "boom"))) {
                assertEquals(false, out.keepContainer());
                assertEquals(List.of("delete " + Rows.describe(held)), writes(out.plan()));
                assertEquals(List.of("removed " + Rows.describe(held)), events(out.plan().events()));
                assertNull(out.plan().auction());
            }
        }
    }

    @Test
    void reportsForAContainerTheBbsDoesNotKnowAreNotFound() {
        IndexRows rows = rows(Rows.running(W), Rows.evacuating(B));
        for (EvacuationOutcome out : List.of(EVACUATION.claimed(rows, KEY, A), EVACUATION.stopped(rows, KEY, A),
                EVACUATION.crashed(rows, KEY, A, "boom"))) {
            assertEquals(ErrorType.ResourceNotFound, out.error().type());
            assertEquals(false, out.keepContainer());
            assertEquals(List.of(), out.plan().writes(), "a refused report changes nothing");
        }
    }

    @Test
    void evacuateCrashedCrashesTheOrdinaryInstanceAsACrashReportWould() {
        EvacuationOutcome first = EVACUATION.crashed(rows(Rows.running(A)), KEY, A, "exit 2");
        assertEquals(List.of("update RUNNING/ORDINARY a -> UNCLAIMED/ORDINARY"), writes(first.plan()));
        assertEquals(List.of("crashed a #1", "created UNCLAIMED/ORDINARY", "removed RUNNING/ORDINARY a"),
                events(first.plan().events()));
        assertEquals(KEY, first.plan().auction());
        EvacuationOutcome later = EVACUATION.crashed(rows(Rows.running(A, 4)), KEY, A, "exit 2");
        assertEquals(List.of("update RUNNING/ORDINARY a -> CRASHED/ORDINARY"), writes(later.plan()));
        assertNull(later.plan().auction());
    }

    @Test
    void evacuateStoppedRemovesTheOrdinaryInstance() {
        EvacuationOutcome out = EVACUATION.stopped(rows(Rows.running(A), Rows.evacuating(B)), KEY, A);
        assertEquals(List.of("delete RUNNING/ORDINARY a"), writes(out.plan()));
        assertEquals(List.of("removed RUNNING/ORDINARY a"), events(out.plan().events()));
        assertEquals(false, out.keepContainer());
    }

    // ---- remove_evacuating ----------------------------------------------------------------------------

    @Test
    void removeEvacuatingDeletesOnlyTheEvacuatingRowTheKeyHolds() {
        LrpPlan plan = EVACUATION.removeEvacuating(rows(Rows.unclaimed(), Rows.evacuating(A)), KEY, A);
        assertEquals(List.of("delete RUNNING/EVACUATING a"), writes(plan));
        assertEquals(List.of("removed RUNNING/EVACUATING a"), events(plan.events()));
        for (IndexRows rows : List.of(rows(Rows.running(A)), rows(Rows.unclaimed(), Rows.evacuating(B)), IndexRows.NONE,
                rows(Rows.claimed(W), Rows.suspect(ActualLrpState.RUNNING, A)))) {
            DiegoException e = assertThrows(DiegoException.class, () -> EVACUATION.removeEvacuating(rows, KEY, A));
            assertEquals(ErrorType.ResourceNotFound, e.type(), rows.toString());
        }
    }

    @Test
    void everyPlannedRowKeepsItsPresenceAndKey() {
        runningTable().map(a -> (Case) a.get()[0]).forEach(c -> {
            for (RowWrite w : EVACUATION.running(c.rows(), KEY, A, Rows.info(A), DESIRED).plan().writes()) {
                if (w instanceof RowWrite.Insert i) {
                    assertEquals(Presence.EVACUATING, i.row().presence(), c.name());
                    assertEquals(ActualLrpState.RUNNING, i.row().state(), "evacuating rows are RUNNING: " + c.name());
                }
            }
        });
    }
}
