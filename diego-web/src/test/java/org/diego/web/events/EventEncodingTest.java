package org.diego.web.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Base64;
import org.diego.core.events.ActualLrpEvents;
import org.diego.core.events.PublishedEvent;
import org.diego.core.json.Json;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;
import org.diego.core.wire.proto.EventsProto.ActualLRPChangedEvent;
import org.diego.core.wire.proto.EventsProto.ActualLRPCreatedEvent;
import org.diego.core.wire.proto.EventsProto.ActualLRPRemovedEvent;
import org.junit.jupiter.api.Test;

/** The {@code data:} line of the deprecated group events, in Diego's protobuf and in JSON. */
class EventEncodingTest {
    static final ActualLrp UNCLAIMED = ActualLrp.unclaimed(new ActualLrpKey("web", 0, "cf-apps"), 1, "epoch");
    static final ActualLrp RUNNING = UNCLAIMED.claim(new InstanceKey("ig-1", "cell-1"), 2)
            .start(new InstanceKey("ig-1", "cell-1"), NetInfo.EMPTY, 3);

    @Test
    void groupEventsAreBase64OfDiegosGroupMessages() throws Exception {
        ActualLRPCreatedEvent created = ActualLRPCreatedEvent.parseFrom(Base64.getDecoder().decode(
                EventEncoding.PROTOBUF_BASE64.encode(PublishedEvent.of(ActualLrpEvents.groupCreated(UNCLAIMED)))));
        assertEquals("web", created.getActualLrpGroup().getInstance().getActualLrpKey().getProcessGuid());
        assertEquals("UNCLAIMED", created.getActualLrpGroup().getInstance().getState());
        assertFalse(created.getActualLrpGroup().hasEvacuating());

        ActualLRPChangedEvent changed = ActualLRPChangedEvent.parseFrom(Base64.getDecoder().decode(
                EventEncoding.PROTOBUF_BASE64.encode(PublishedEvent.of(ActualLrpEvents.groupChanged(UNCLAIMED, RUNNING).get(0)))));
        assertEquals("UNCLAIMED", changed.getBefore().getInstance().getState());
        assertEquals("RUNNING", changed.getAfter().getInstance().getState());
        assertEquals("cell-1", changed.getAfter().getInstance().getActualLrpInstanceKey().getCellId());

        ActualLRPRemovedEvent removed = ActualLRPRemovedEvent.parseFrom(Base64.getDecoder().decode(
                EventEncoding.PROTOBUF_BASE64.encode(PublishedEvent.of(ActualLrpEvents.groupRemoved(RUNNING)))));
        assertEquals("ig-1", removed.getActualLrpGroup().getInstance().getActualLrpInstanceKey().getInstanceGuid());
    }

    @Test
    void aJsonSubscriberGetsDiegosJsonNames() {
        String json = EventEncoding.JSON.encode(PublishedEvent.of(ActualLrpEvents.groupCreated(UNCLAIMED)));
        assertEquals("UNCLAIMED", Json.readTree(json).path("actual_lrp_group").path("instance").path("state").asText());
        assertEquals("web", Json.readTree(json).path("actual_lrp_group").path("instance").path("process_guid").asText());
        assertFalse(Json.readTree(json).path("actual_lrp_group").has("evacuating"));
    }

    @Test
    void subscribersSharingAnEncodingEncodeOneEventOnceAndEqualEventsSeparately() {
        PublishedEvent first = PublishedEvent.of(ActualLrpEvents.groupCreated(UNCLAIMED));
        PublishedEvent equalButDistinct = PublishedEvent.of(ActualLrpEvents.groupCreated(UNCLAIMED));
        PublishedEvent other = PublishedEvent.of(ActualLrpEvents.groupRemoved(RUNNING));
        String once = EventEncoding.PROTOBUF_BASE64.encode(first);
        assertSame(once, EventEncoding.PROTOBUF_BASE64.encode(first), "memoised for the next subscriber");
        assertNotSame(once, EventEncoding.PROTOBUF_BASE64.encode(equalButDistinct), "by identity only");
        assertEquals(once, EventEncoding.PROTOBUF_BASE64.encode(equalButDistinct));
        assertEquals(org.diego.core.wire.WireEvents.sseData(other), EventEncoding.PROTOBUF_BASE64.encode(other));
        assertEquals(first.json(), EventEncoding.JSON.encode(first));
    }
}
