package org.diego.core.events;

import static org.diego.core.lifecycle.Rows.A;
import static org.diego.core.lifecycle.Rows.B;
import static org.diego.core.lifecycle.Rows.NOW;
import static org.diego.core.lifecycle.Rows.events;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.diego.core.lifecycle.Rows;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.RestartPolicy;
import org.junit.jupiter.api.Test;

/** The "ActualLRP Events" table of diego-notes, instance events (group events: ActualLrpGroupEventsTest). */
class ActualLrpEventsTest {
    static final String TRACE = "trace-1";

    @Test
    void placementErrorOnAWaitingInstanceIsAChange() {
        ActualLrp before = Rows.unclaimed();
        assertEquals(List.of("changed UNCLAIMED/ORDINARY -> UNCLAIMED/ORDINARY "),
                events(ActualLrpEvents.changed(before, before.failPlacement("no room", NOW), TRACE)));
    }

    @Test
    void claimingAndStartingChangeTheInstance() {
        ActualLrp unclaimed = Rows.unclaimed();
        ActualLrp claimed = unclaimed.claim(A, NOW);
        assertEquals(List.of("changed UNCLAIMED/ORDINARY -> CLAIMED/ORDINARY a"),
                events(ActualLrpEvents.changed(unclaimed, claimed, TRACE)));
        assertEquals(List.of("changed CLAIMED/ORDINARY -> RUNNING/ORDINARY a"),
                events(ActualLrpEvents.changed(claimed, claimed.start(A, Rows.net(A), NOW), TRACE)));
        assertEquals(List.of("changed UNCLAIMED/ORDINARY -> RUNNING/ORDINARY a"),
                events(ActualLrpEvents.changed(unclaimed, unclaimed.start(A, Rows.net(A), NOW), TRACE)));
        ActualLrp running = Rows.running(A);
        assertEquals(List.of("changed RUNNING/ORDINARY -> CLAIMED/ORDINARY a"),
                events(ActualLrpEvents.changed(running, running.claim(A, NOW), TRACE)));
    }

    @Test
    void goingBackToUnclaimedIsANewInstanceReplacingTheOld() {
        for (ActualLrp before : List.of(Rows.claimed(A), Rows.running(A), Rows.crashed())) {
            List<BbsEvent> raised = ActualLrpEvents.changed(before, before.unclaim(NOW), TRACE);
            assertEquals(List.of("created UNCLAIMED/ORDINARY", "removed " + Rows.describe(before)), events(raised),
                    before.toString());
        }
    }

    @Test
    void aCrashIsAnnouncedBeforeTheChange() {
        ActualLrp running = Rows.running(A, 5);
        ActualLrp crashed = running.crash(A, "boom", NOW, RestartPolicy.DEFAULT);
        assertEquals(List.of("crashed a #6", "changed RUNNING/ORDINARY -> CRASHED/ORDINARY a"),
                events(ActualLrpEvents.crashed(running, crashed, TRACE)));
        assertEquals(List.of("crashed a #6", "changed RUNNING/ORDINARY -> CRASHED/ORDINARY a"),
                events(ActualLrpEvents.changed(running, crashed, TRACE)), "the plain calculator agrees for CRASHED");
        ActualLrp claimed = Rows.claimed(A);
        assertEquals(List.of("crashed a #1", "created UNCLAIMED/ORDINARY", "removed CLAIMED/ORDINARY a"),
                events(ActualLrpEvents.crashed(claimed, claimed.crash(A, "boom", NOW, RestartPolicy.DEFAULT), TRACE)),
                "an immediate restart: crashed first, then a new instance replaces the old one");
    }

    @Test
    void theChangedEventNamesTheInstanceThatWasThere() {
        ActualLrp running = Rows.running(A);
        ActualLrpInstanceChanged change = (ActualLrpInstanceChanged) ActualLrpEvents
                .changed(running, running.crash(A, "x", NOW, new RestartPolicy(0, 200,
                        java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(16), java.time.Duration.ofMinutes(5))),
                        TRACE).get(1);
        assertEquals(new InstanceKey("a", "cell-a"), new InstanceKey(change.instanceGuid(), change.cellId()));
        assertEquals(TRACE, change.traceId());
        assertEquals(running.availabilityZone(), change.before().availabilityZone());
    }

    @Test
    void insertsAndDeletesAreCreatedAndRemoved() {
        ActualLrp row = Rows.running(A);
        assertEquals(List.of("created RUNNING/ORDINARY a"), events(ActualLrpEvents.changed(null, row, TRACE)));
        assertEquals(List.of("removed RUNNING/ORDINARY a"), events(ActualLrpEvents.changed(row, null, TRACE)));
        assertEquals(List.of(), ActualLrpEvents.changed(row, row, TRACE), "a write that changed nothing raises nothing");
        assertEquals(List.of(), ActualLrpEvents.changed(null, null, TRACE));
    }

    @Test
    void orderingPutsCrashesThenRunningInstancesThenTheRest() {
        ActualLrp gone = Rows.evacuating(B);
        ActualLrp claimed = Rows.claimed(A);
        List<BbsEvent> mixed = new java.util.ArrayList<>();
        mixed.addAll(ActualLrpEvents.removed(gone, TRACE));
        mixed.addAll(ActualLrpEvents.changed(claimed, claimed.start(A, Rows.net(A), NOW), TRACE));
        mixed.addAll(ActualLrpEvents.created(Rows.unclaimed(), TRACE));
        mixed.add(ActualLrpCrashed.of(Rows.running(B), Rows.crashed()));
        assertEquals(List.of("crashed b #3", "changed CLAIMED/ORDINARY -> RUNNING/ORDINARY a",
                        "removed RUNNING/EVACUATING b", "created UNCLAIMED/ORDINARY"),
                events(ActualLrpEvents.ordered(mixed)));
    }
}
