package org.diego.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;
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
}
