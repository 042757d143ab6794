package org.diego.ejb.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.diego.core.events.ActualLrpInstanceCreated;
import org.diego.core.events.EventStream;
import org.diego.core.events.PublishedEvent;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.junit.jupiter.api.Test;

/** A grid message is decoded only on an instance with a subscriber to one of its streams. */
class EventHubReceiveTest {
    private static final PublishedEvent CREATED = PublishedEvent.of(new ActualLrpInstanceCreated(
            ActualLrp.unclaimed(new ActualLrpKey("p", 0, "d"), 1, "e"), ""));

    @Test
    void noSubscriberForTheStreamMeansNoDecoding() {
        EventHub hub = new EventHub();
        List<PublishedEvent> got = new ArrayList<>();
        // The body is not JSON: decoding it would throw, so returning quietly proves it was skipped.
        hub.receive("LRP_INSTANCES\n{not json");
        hub.subscribe(EventStream.TASKS, "", got::add);
        hub.receive("LRP_INSTANCES,LRP_GROUPS\n{not json");
        assertTrue(got.isEmpty());
    }

    @Test
    void aSubscriberOfTheStreamReceivesIt() {
        EventHub hub = new EventHub();
        List<PublishedEvent> got = new ArrayList<>();
        hub.subscribe(EventStream.LRP_INSTANCES, "", got::add);
        hub.receive(CREATED.encodeRouted());
        hub.receive(CREATED.encode());
        assertEquals(List.of(CREATED, CREATED), got);
    }
}
