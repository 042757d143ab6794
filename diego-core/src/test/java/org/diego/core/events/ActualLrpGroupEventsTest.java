package org.diego.core.events;

import static org.diego.core.lifecycle.Rows.A;
import static org.diego.core.lifecycle.Rows.B;
import static org.diego.core.lifecycle.Rows.GUIDS;
import static org.diego.core.lifecycle.Rows.KEY;
import static org.diego.core.lifecycle.Rows.NOW;
import static org.diego.core.lifecycle.Rows.W;
import static org.diego.core.lifecycle.Rows.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.diego.core.evacuation.DesiredState;
import org.diego.core.evacuation.Evacuation;
import org.diego.core.lifecycle.ActualLrpLifecycle;
import org.diego.core.lifecycle.LrpPlan;
import org.diego.core.lifecycle.Rows;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.IndexRows;
import org.diego.core.model.RestartPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deprecated group events each request raises, as Diego's event calculator derives them: the
 * index's group before and after, slot by slot. Requests go through the real planners, so the table
 * states what the group stream of {@code GET /v1/events.r1} carries for each transition.
 */
class ActualLrpGroupEventsTest {
    static final ActualLrpLifecycle LIFECYCLE = new ActualLrpLifecycle(NOW, GUIDS, RestartPolicy.DEFAULT, "t");
    static final Evacuation EVACUATION = new Evacuation(NOW, GUIDS, RestartPolicy.DEFAULT, "t");
    static final DesiredState ROLLING = DesiredState.rolling(1);

    record Case(String name, IndexRows rows, Function<IndexRows, LrpPlan> request, List<String> groupEvents) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Arguments c(String name, List<ActualLrp> rows, Function<IndexRows, LrpPlan> request, String... expected) {
        return Arguments.of(new Case(name, IndexRows.of(rows), request, List.of(expected)));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                c("claim: the waiting instance changes", List.of(Rows.unclaimed()),
                        r -> LIFECYCLE.claim(r, "web", 0, A),
                        "group changed UNCLAIMED/ORDINARY -> CLAIMED/ORDINARY a"),
                c("a repeated claim: nothing", List.of(Rows.claimed(A)),
                        r -> LIFECYCLE.claim(r, "web", 0, A)),
                c("start: the claimed instance changes", List.of(Rows.claimed(A)),
                        r -> LIFECYCLE.start(r, KEY, A, Rows.info(A)),
                        "group changed CLAIMED/ORDINARY a -> RUNNING/ORDINARY a"),
                c("start of an unknown index: created", List.of(),
                        r -> LIFECYCLE.start(r, KEY, A, Rows.info(A)),
                        "group created RUNNING/ORDINARY a"),
                c("start of a suspect's replacement: the new instance, then the suspect's removal",
                        List.of(Rows.claimed(A), Rows.suspect(ActualLrpState.RUNNING, W)),
                        r -> LIFECYCLE.start(r, KEY, A, Rows.info(A)),
                        "group created RUNNING/ORDINARY a", "group removed RUNNING/SUSPECT w"),
                c("start while an evacuating instance serves: change, then the evacuating slot empties",
                        List.of(Rows.claimed(A), Rows.evacuating(B)),
                        r -> LIFECYCLE.start(r, KEY, A, Rows.info(A)),
                        "group changed CLAIMED/ORDINARY a -> RUNNING/ORDINARY a", "group removed RUNNING/EVACUATING b"),
                c("a first crash restarts at once: one change, not created + removed", List.of(Rows.running(A)),
                        r -> LIFECYCLE.crash(r, KEY, A, "exit 1"),
                        "group changed RUNNING/ORDINARY a -> UNCLAIMED/ORDINARY"),
                c("a later crash waits CRASHED", List.of(Rows.running(A, 2)),
                        r -> LIFECYCLE.crash(r, KEY, A, "exit 1"),
                        "group changed RUNNING/ORDINARY a -> CRASHED/ORDINARY"),
                c("a crash beside an evacuating instance: the change carries the whole groups",
                        List.of(Rows.claimed(A), Rows.evacuating(B)),
                        r -> LIFECYCLE.crash(r, KEY, A, "exit 1"),
                        "group changed CLAIMED/ORDINARY a + RUNNING/EVACUATING b -> UNCLAIMED/ORDINARY + RUNNING/EVACUATING b"),
                c("a suspect's crash: its placed replacement takes the slot",
                        List.of(Rows.claimed(B), Rows.suspect(ActualLrpState.RUNNING, A)),
                        r -> LIFECYCLE.crash(r, KEY, A, "x"),
                        "group created CLAIMED/ORDINARY b", "group removed RUNNING/SUSPECT a"),
                c("a suspect's crash before its replacement is placed: the slot changes",
                        List.of(Rows.unclaimed(), Rows.suspect(ActualLrpState.RUNNING, A)),
                        r -> LIFECYCLE.crash(r, KEY, A, "x"),
                        "group changed RUNNING/SUSPECT a -> UNCLAIMED/ORDINARY"),
                c("the replacement crashes while the suspect serves: the group does not change",
                        List.of(Rows.claimed(A), Rows.suspect(ActualLrpState.RUNNING, W)),
                        r -> LIFECYCLE.crash(r, KEY, A, "exit 1")),
                c("a placement error", List.of(Rows.unclaimed()),
                        r -> LIFECYCLE.fail(r, "insufficient resources"),
                        "group changed UNCLAIMED/ORDINARY -> UNCLAIMED/ORDINARY"),
                c("remove", List.of(Rows.running(A)),
                        r -> LIFECYCLE.remove(r, "web", 0, A),
                        "group removed RUNNING/ORDINARY a"),
                c("retire on a live cell: announced removed before the cell deletes the row", List.of(Rows.running(A)),
                        r -> LIFECYCLE.retire(r, KEY, Set.of("cell-a")),
                        "group removed RUNNING/ORDINARY a"),
                c("evacuation, the dance: the evacuating instance first, then the instance unclaimed",
                        List.of(Rows.running(A)),
                        r -> EVACUATION.running(r, KEY, A, Rows.info(A), ROLLING).plan(),
                        "group created RUNNING/EVACUATING a", "group changed RUNNING/ORDINARY a -> UNCLAIMED/ORDINARY"),
                c("evacuation taking over another cell's evacuating row: a new evacuating instance",
                        List.of(Rows.running(A), Rows.evacuating(B)),
                        r -> EVACUATION.running(r, KEY, A, Rows.info(A), ROLLING).plan(),
                        "group created RUNNING/EVACUATING a", "group changed RUNNING/ORDINARY a -> UNCLAIMED/ORDINARY",
                        "group removed RUNNING/EVACUATING b"),
                c("an evacuating container stopped", List.of(Rows.running(W), Rows.evacuating(A)),
                        r -> EVACUATION.stopped(r, KEY, A).plan(),
                        "group removed RUNNING/EVACUATING a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void groupEventsOfEachRequest(Case c) {
        LrpPlan plan = c.request().apply(c.rows());
        assertEquals(c.groupEvents(), events(plan.groupEvents(c.rows())));
        for (BbsEvent e : plan.groupEvents(c.rows())) {
            assertEquals(Set.of(EventStream.LRP_GROUPS), e.streams(), "group events go to the group stream only");
        }
    }

    @Test
    void aCrashReachesGroupSubscribersThroughTheCrashedEventEvenWhenTheGroupStaysTheSame() {
        IndexRows rows = IndexRows.of(List.of(Rows.claimed(A), Rows.suspect(ActualLrpState.RUNNING, W)));
        LrpPlan plan = LIFECYCLE.crash(rows, KEY, A, "exit 1");
        assertEquals(List.of(), plan.groupEvents(rows));
        BbsEvent crashed = plan.events().get(0);
        assertEquals("crashed a #1", events(List.of(crashed)).get(0));
        assertTrue(crashed.streams().contains(EventStream.LRP_GROUPS));
    }

    @Test
    void slotsAreComparedDirectly() {
        ActualLrp running = Rows.running(A);
        assertEquals(List.of("group created RUNNING/ORDINARY a"), events(ActualLrpEvents.groups(List.of(),
                List.of(running), false)));
        assertEquals(List.of("group removed RUNNING/ORDINARY a"), events(ActualLrpEvents.groups(List.of(running),
                List.of(), false)));
        assertEquals(List.of(), ActualLrpEvents.groups(List.of(running), List.of(running), false));
        assertEquals(List.of("group created CLAIMED/ORDINARY b", "group removed CLAIMED/ORDINARY a"),
                events(ActualLrpEvents.groups(List.of(Rows.claimed(A)), List.of(Rows.claimed(B)), false)),
                "another placed instance in the slot replaces the one there");
    }

    @Test
    void aRunningResultIsAnnouncedBeforeTheRest() {
        List<ActualLrp> before = List.of(Rows.claimed(A), Rows.evacuating(B));
        List<ActualLrp> after = List.of(Rows.running(A));
        assertEquals(List.of("group changed CLAIMED/ORDINARY a -> RUNNING/ORDINARY a", "group removed RUNNING/EVACUATING b"),
                events(ActualLrpEvents.groups(before, after, false)));
        assertEquals(List.of("group created RUNNING/EVACUATING b", "group removed CLAIMED/ORDINARY a"),
                events(ActualLrpEvents.groups(List.of(Rows.claimed(A)), List.of(Rows.evacuating(B)), false)),
                "the evacuating slot's RUNNING row comes before the instance slot's removal");
    }

    @Test
    void convergenceAnnouncesSingleRowsAsDiegosDoes() {
        ActualLrp crashed = Rows.crashed();
        ActualLrp unclaimed = crashed.unclaim(NOW);
        assertEquals(List.of("group changed CRASHED/ORDINARY -> UNCLAIMED/ORDINARY"),
                events(ActualLrpEvents.groupChanged(crashed, unclaimed)));
        assertEquals(List.of(), ActualLrpEvents.groupChanged(crashed, crashed));
        assertEquals(List.of("group created UNCLAIMED/ORDINARY"), events(List.of(ActualLrpEvents.groupCreated(unclaimed))));
        assertEquals(List.of("group removed RUNNING/EVACUATING b"),
                events(List.of(ActualLrpEvents.groupRemoved(Rows.evacuating(B)))));
    }
}
