package org.diego.system;

import static org.diego.system.SseStream.awaitLive;
import static org.diego.system.SseStream.mentions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.diego.core.wire.proto.EventsProto.ActualLRPCreatedEvent;
import org.diego.core.wire.proto.EventsProto.DesiredLRPCreatedEvent;
import org.diego.core.wire.proto.EventsProto.EventsByCellId;
import org.diego.system.SseStream.Event;
import org.junit.jupiter.api.Test;

/**
 * Diego's deprecated group stream, {@code GET /v1/events.r1}, across the two Payara instances: a
 * subscriber on one instance sees what is desired through the other as desired LRP events and group
 * events ({@code actual_lrp_created|changed|removed}), never instance events. The first subscriber asks
 * in JSON; the second subscribes as Diego's Go client does (a GET with a protobuf {@code EventsByCellId}
 * body and no {@code Content-Type}) and decodes base64 protobuf data.
 */
@SuppressWarnings("deprecation") // Diego's group messages are deprecated in its schema, and what this tests
class GroupEventStreamSystemIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Event> history = new ArrayList<>();

    @Test
    void aJsonSubscriberSeesTheNewIndexAsAGroupWithAnUnclaimedInstance() throws Exception {
        List<String> apis = Cluster.apis();
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> stream = subscribe(apis.get(0), "/v1/events.r1", "application/json", null, events);
        awaitLive(apis.get(1), events);
        try {
            assertEquals(200, stream.statusCode());
            assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            String guid = "group-events-" + System.nanoTime();
            Cluster.post(apis.get(1), "/v1/desired_lrp/desire.r2", Lrps.desireBody(guid, 1)).assertOk();
            try {
                next(events, "desired_lrp_created", guid, json -> true);
                Event created = next(events, "actual_lrp_created", guid, json -> true);
                JsonNode group = JSON.readTree(created.data()).path("actual_lrp_group");
                assertEquals("UNCLAIMED", group.path("instance").path("state").asText(), created.toString());
                assertEquals(0, group.path("instance").path("index").asInt());
                assertEquals("", group.path("instance").path("cell_id").asText(""));
                assertFalse(group.has("evacuating") && !group.path("evacuating").isNull(), created.toString());
                next(events, "actual_lrp_changed", guid,
                        json -> "RUNNING".equals(json.path("after").path("instance").path("state").asText()));
            } finally {
                Cluster.post(apis.get(1), "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}");
            }
            next(events, "desired_lrp_removed", guid, json -> true);
            next(events, "actual_lrp_removed", guid, json -> true);
            for (Event e : history) {
                assertFalse(e.name().startsWith("actual_lrp_instance_"), "instance event on the group stream: " + e);
            }
        } finally {
            stream.body().close();
        }
    }

    @Test
    void diegosClientGetsBase64ProtobufGroupMessages() throws Exception {
        List<String> apis = Cluster.apis();
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> stream = subscribe(apis.get(1), "/v1/events.r1", null,
                EventsByCellId.getDefaultInstance().toByteArray(), events);
        awaitLive(apis.get(0), events);
        try {
            assertEquals(200, stream.statusCode());
            String guid = "group-events-proto-" + System.nanoTime();
            Cluster.post(apis.get(0), "/v1/desired_lrp/desire.r2", Lrps.desireBody(guid, 1)).assertOk();
            try {
                DesiredLRPCreatedEvent desired = DesiredLRPCreatedEvent.parseFrom(decode(
                        nextDecoded(events, "desired_lrp_created", data -> DesiredLRPCreatedEvent.parseFrom(data)
                                .getDesiredLrp().getProcessGuid().equals(guid))));
                assertEquals(1, desired.getDesiredLrp().getInstances());
                ActualLRPCreatedEvent created = ActualLRPCreatedEvent.parseFrom(decode(
                        nextDecoded(events, "actual_lrp_created", data -> ActualLRPCreatedEvent.parseFrom(data)
                                .getActualLrpGroup().getInstance().getActualLrpKey().getProcessGuid().equals(guid))));
                assertEquals("UNCLAIMED", created.getActualLrpGroup().getInstance().getState());
                assertFalse(created.getActualLrpGroup().hasEvacuating());
            } finally {
                Cluster.post(apis.get(0), "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}");
            }
        } finally {
            stream.body().close();
        }
    }

    @Test
    void aCellFilteredR0SubscriberHearsOnlyOfDesiredLrpsElsewhere() throws Exception {
        List<String> apis = Cluster.apis();
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> stream = subscribe(apis.get(0), "/v1/events", null,
                EventsByCellId.newBuilder().setCellId("no-such-cell").build().toByteArray(), events);
        awaitLive(apis.get(1), events);
        try {
            String guid = "group-events-filtered-" + System.nanoTime();
            Cluster.post(apis.get(1), "/v1/desired_lrp/desire.r2", Lrps.desireBody(guid, 1)).assertOk();
            try {
                Cluster.await("instance running", Duration.ofSeconds(60), () -> Lrps.allRunning(apis.get(1), guid, 1),
                        () -> Lrps.actuals(apis.get(1), guid));
                Cluster.await("desired_lrp_created for " + guid, Duration.ofSeconds(30), () -> events.stream()
                        .anyMatch(e -> e.name().equals("desired_lrp_created") && mentions(e.data(), guid)), () -> events);
                for (Event e : events) {
                    assertTrue(e.name().startsWith("desired_lrp_"), "unexpected event for another cell: " + e);
                }
            } finally {
                Cluster.post(apis.get(1), "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}");
            }
        } finally {
            stream.body().close();
        }
    }

    /** A GET subscription; {@code contentType} and {@code body} may be null (Diego's client sends no type). */
    static HttpResponse<Stream<String>> subscribe(String api, String path, String contentType, byte[] body,
                                                  BlockingQueue<Event> sink) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).method("GET",
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<Stream<String>> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        SseStream.read(response, sink);
        return response;
    }

    private static byte[] decode(Event e) {
        return Base64.getDecoder().decode(e.data());
    }

    /** The first event of that name mentioning {@code guid} whose JSON data passes {@code test}, in arrival order. */
    private Event next(BlockingQueue<Event> events, String name, String guid, Predicate<JsonNode> test)
            throws InterruptedException {
        return await(events, name, e -> e.data().contains(guid) && test.test(JSON.readTree(e.data())));
    }

    @FunctionalInterface
    interface ProtoTest {
        boolean test(byte[] data) throws Exception;
    }

    /** The first event of that name whose base64 protobuf data passes {@code test}. */
    private Event nextDecoded(BlockingQueue<Event> events, String name, ProtoTest test) throws InterruptedException {
        return await(events, name, e -> test.test(decode(e)));
    }

    @FunctionalInterface
    interface EventTest {
        boolean test(Event e) throws Exception;
    }

    private Event await(BlockingQueue<Event> events, String name, EventTest test) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Event e = events.poll(200, TimeUnit.MILLISECONDS);
            if (e != null) {
                history.add(e);
            }
            for (Event seen : history) {
                try {
                    if (seen.name().equals(name) && test.test(seen)) {
                        return seen;
                    }
                } catch (Exception undecodable) {
                    throw new AssertionError("undecodable " + seen, undecodable);
                }
            }
        }
        throw new AssertionError("no matching " + name + " event within 60 s; got " + history);
    }
}
