package org.diego.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.diego.core.json.Json;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpGroup;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;
import org.diego.core.model.RestartPolicy;
import org.diego.core.model.RunningInfo;
import org.junit.jupiter.api.Test;

/** Which subscribers an event reaches, and that it survives its trip between instances. */
class PublishedEventTest {
    private static final ActualLrp UNCLAIMED = ActualLrp.unclaimed(new ActualLrpKey("p", 0, "d"), 1, "e");

    @Test
    void anInstanceEventReachesUnfilteredSubscribersAndItsOwnCellOnly() {
        ActualLrp running = UNCLAIMED.start(new InstanceKey("ig", "cell-1"), NetInfo.EMPTY, 2);
        PublishedEvent e = PublishedEvent.of(ActualLrpInstanceChanged.of(UNCLAIMED, running, ""));
        assertTrue(e.matches(EventStream.LRP_INSTANCES, ""));
        assertTrue(e.matches(EventStream.LRP_INSTANCES, "cell-1"));
        assertFalse(e.matches(EventStream.LRP_INSTANCES, "cell-2"));
        assertFalse(e.matches(EventStream.TASKS, ""));
    }

    @Test
    void anUnclaimedInstanceConcernsNoCell() {
        PublishedEvent e = PublishedEvent.of(new ActualLrpInstanceCreated(UNCLAIMED, ""));
        assertTrue(e.matches(EventStream.LRP_INSTANCES, ""));
        assertFalse(e.matches(EventStream.LRP_INSTANCES, "cell-1"));
    }

    @Test
    void travelsAsTextUnchanged() {
        PublishedEvent e = PublishedEvent.of(new ActualLrpInstanceCreated(UNCLAIMED, "t"));
        assertEquals(e, PublishedEvent.decode(e.encode()));
    }

    @Test
    void theGridFormNamesItsStreamsBeforeTheBody() {
        PublishedEvent instance = PublishedEvent.of(new ActualLrpInstanceCreated(UNCLAIMED, "t"));
        String text = instance.encodeRouted();
        assertTrue(text.startsWith("LRP_INSTANCES\n{"), text);
        assertEquals(Set.of(EventStream.LRP_INSTANCES), PublishedEvent.routedStreams(text));
        assertEquals(instance, PublishedEvent.decodeRouted(text));

        PublishedEvent task = PublishedEvent.of(new TaskRemoved(org.diego.core.model.Task.pending(
                org.diego.core.model.TaskSamples.definition(), "t-1", "d", 1L)));
        assertEquals(task.streams(), PublishedEvent.routedStreams(task.encodeRouted()));
        assertEquals(task, PublishedEvent.decodeRouted(task.encodeRouted()));

        PublishedEvent desired = PublishedEvent.of(new DesiredLrpRemoved(Json.read("{\"process_guid\": \"p\"}",
                DesiredLrp.class), ""));
        assertEquals(Set.of(EventStream.LRP_INSTANCES, EventStream.LRP_GROUPS),
                PublishedEvent.routedStreams(desired.encodeRouted()));
    }

    @Test
    void bareTextFromAnInstanceWithoutHeadersStillDecodes() {
        PublishedEvent e = PublishedEvent.of(new ActualLrpInstanceCreated(UNCLAIMED, "t"));
        assertEquals(null, PublishedEvent.routedStreams(e.encode()));
        assertEquals(e, PublishedEvent.decodeRouted(e.encode()));
    }

    // ---- the deprecated group stream --------------------------------------------------------------------

    private static final ActualLrp RUNNING_1 = UNCLAIMED.start(new InstanceKey("ig", "cell-1"), NetInfo.EMPTY, 2);

    @Test
    void groupEventsReachOnlyGroupSubscribersAndInstanceEventsNeverDo() {
        PublishedEvent group = PublishedEvent.of(ActualLrpEvents.groupCreated(RUNNING_1));
        assertEquals(Set.of(EventStream.LRP_GROUPS), group.streams());
        assertTrue(group.matches(EventStream.LRP_GROUPS, ""));
        assertFalse(group.matches(EventStream.LRP_INSTANCES, ""));
        assertFalse(group.matches(EventStream.TASKS, ""));
        PublishedEvent instance = PublishedEvent.of(new ActualLrpInstanceCreated(RUNNING_1, ""));
        assertFalse(instance.matches(EventStream.LRP_GROUPS, ""));
        assertFalse(instance.matches(EventStream.LRP_GROUPS, "cell-1"));
    }

    @Test
    void desiredAndCrashEventsReachBothLrpStreams() {
        PublishedEvent desired = PublishedEvent.of(new DesiredLrpRemoved(Json.read("{\"process_guid\": \"p\"}",
                DesiredLrp.class), ""));
        PublishedEvent crashed = PublishedEvent.of(ActualLrpCrashed.of(RUNNING_1,
                RUNNING_1.crash(RUNNING_1.instanceKey(), "oom", 3, RestartPolicy.DEFAULT)));
        for (EventStream s : List.of(EventStream.LRP_INSTANCES, EventStream.LRP_GROUPS)) {
            assertTrue(desired.matches(s, "any-cell"), "desired events reach every cell filter on " + s);
            assertTrue(crashed.matches(s, "cell-1"), s.toString());
            assertFalse(crashed.matches(s, "cell-2"), s.toString());
        }
        assertFalse(desired.matches(EventStream.TASKS, ""));
        assertFalse(crashed.matches(EventStream.TASKS, ""));
    }

    @Test
    void aGroupEventConcernsTheCellOfTheRowItResolvesTo() {
        assertTrue(PublishedEvent.of(ActualLrpEvents.groupRemoved(RUNNING_1)).matches(EventStream.LRP_GROUPS, "cell-1"));
        assertFalse(PublishedEvent.of(ActualLrpEvents.groupRemoved(RUNNING_1)).matches(EventStream.LRP_GROUPS, "cell-2"));
        assertFalse(PublishedEvent.of(ActualLrpEvents.groupCreated(UNCLAIMED)).matches(EventStream.LRP_GROUPS, "cell-1"),
                "an UNCLAIMED row concerns no cell");
        ActualLrp evacuating = ActualLrp.evacuating(UNCLAIMED.key(), new InstanceKey("ig-2", "cell-2"),
                RunningInfo.of(NetInfo.EMPTY), 2, "e2");
        PublishedEvent both = PublishedEvent.of(new ActualLrpCreated(new ActualLrpGroup(UNCLAIMED, evacuating)));
        assertTrue(both.matches(EventStream.LRP_GROUPS, "cell-2"), "the unplaced instance resolves to the evacuating row");
    }

    @Test
    void aGroupChangeConcernsTheCellsBeforeAndAfter() {
        PublishedEvent unclaimed = PublishedEvent.of(ActualLrpEvents.groupChanged(RUNNING_1, RUNNING_1.unclaim(3)).get(0));
        assertTrue(unclaimed.matches(EventStream.LRP_GROUPS, "cell-1"), "the cell the instance left hears of it");
        assertFalse(unclaimed.matches(EventStream.LRP_GROUPS, "cell-2"));
        PublishedEvent claimed = PublishedEvent.of(ActualLrpEvents.groupChanged(UNCLAIMED,
                UNCLAIMED.claim(new InstanceKey("ig", "cell-2"), 3)).get(0));
        assertTrue(claimed.matches(EventStream.LRP_GROUPS, "cell-2"));
    }

    @Test
    void groupEventsTravelAsTextAndDecodeToTheirRecords() {
        BbsEvent changed = ActualLrpEvents.groupChanged(UNCLAIMED, RUNNING_1).get(0);
        PublishedEvent e = PublishedEvent.of(changed);
        PublishedEvent back = PublishedEvent.decode(e.encode());
        assertEquals(e, back);
        assertEquals(changed, Json.read(back.json(), BbsEvents.classOf(back.type())));
        assertEquals(ActualLrpCreated.class, BbsEvents.classOf("actual_lrp_created"));
        assertEquals(ActualLrpChanged.class, BbsEvents.classOf("actual_lrp_changed"));
        assertEquals(ActualLrpRemoved.class, BbsEvents.classOf("actual_lrp_removed"));
    }
}
