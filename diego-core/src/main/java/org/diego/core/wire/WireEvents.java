package org.diego.core.wire;

import com.google.protobuf.Descriptors.Descriptor;
import java.util.Base64;
import java.util.Map;
import org.diego.core.events.PublishedEvent;
import org.diego.core.json.Json;

/** The SSE payload Diego sends for an event: {@code data} is base64 of the protobuf event message. */
public final class WireEvents {
    /** Diego's event names and the message each is sent as (Diego's models/events.go). */
    private static final Map<String, String> MESSAGES = Map.ofEntries(
            Map.entry("desired_lrp_created", "DesiredLRPCreatedEvent"),
            Map.entry("desired_lrp_changed", "DesiredLRPChangedEvent"),
            Map.entry("desired_lrp_removed", "DesiredLRPRemovedEvent"),
            Map.entry("actual_lrp_created", "ActualLRPCreatedEvent"),
            Map.entry("actual_lrp_changed", "ActualLRPChangedEvent"),
            Map.entry("actual_lrp_removed", "ActualLRPRemovedEvent"),
            Map.entry("actual_lrp_crashed", "ActualLRPCrashedEvent"),
            Map.entry("actual_lrp_instance_created", "ActualLRPInstanceCreatedEvent"),
            Map.entry("actual_lrp_instance_changed", "ActualLRPInstanceChangedEvent"),
            Map.entry("actual_lrp_instance_removed", "ActualLRPInstanceRemovedEvent"),
            Map.entry("task_created", "TaskCreatedEvent"),
            Map.entry("task_changed", "TaskChangedEvent"),
            Map.entry("task_removed", "TaskRemovedEvent"));

    private WireEvents() {
    }

    /** The message of Diego's schema an event of {@code type} travels as. */
    public static Descriptor descriptor(String type) {
        String name = MESSAGES.get(type);
        if (name == null) {
            throw new IllegalArgumentException("unknown event type " + type);
        }
        return Schema.message(name);
    }

    /** The protobuf bytes of {@code event}, from the JSON it was published with. */
    public static byte[] protobuf(PublishedEvent event) {
        return protobuf(event.type(), event.json());
    }

    /** The protobuf bytes of the event named {@code type} whose JSON form is {@code json}. */
    public static byte[] protobuf(String type, String json) {
        return ProtoBridge.encode(Json.readTree(json), descriptor(type));
    }

    /** The SSE {@code data} line's value for {@code event}: standard base64 with padding, as Go's StdEncoding. */
    public static String sseData(PublishedEvent event) {
        return sseData(event.type(), event.json());
    }

    public static String sseData(String type, String json) {
        return Base64.getEncoder().encodeToString(protobuf(type, json));
    }
}
