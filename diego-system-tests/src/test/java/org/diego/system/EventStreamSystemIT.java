package org.diego.system;

import static org.diego.system.SseStream.awaitLive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.diego.system.SseStream.Event;
import org.junit.jupiter.api.Test;

/**
 * Events raised on one Payara instance reach SSE subscribers connected to the other (issue 3): a
 * subscriber on instance 1 sees the desired LRP created over instance 2 and its instances change,
 * with Diego's event names, ids counting from 0 and JSON data (the subscriber asked in JSON).
 */
class EventStreamSystemIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Event> history = new java.util.ArrayList<>();

    @Test
    void aSubscriberOnOneInstanceSeesChangesMadeThroughTheOther() throws Exception {
        List<String> apis = Cluster.apis();
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> stream = subscribe(apis.get(0), "/v1/events/lrp_instances.r1", "{}", events);
        awaitLive(apis.get(1), events);
        try {
            assertEquals(200, stream.statusCode());
            assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            String guid = "events-" + System.nanoTime();
            Cluster.post(apis.get(1), "/v1/desired_lrp/desire.r2", Lrps.desireBody(guid, 1)).assertOk();
            try {
                Event created = next(events, "desired_lrp_created", guid);
                assertEquals(guid, JSON.readTree(created.data()).path("desired_lrp").path("process_guid").asText());
                Event instance = next(events, "actual_lrp_instance_created", guid);
                JsonNode lrp = JSON.readTree(instance.data()).path("actual_lrp");
                assertEquals(0, lrp.path("index").asInt());
                next(events, "actual_lrp_instance_changed", guid);
            } finally {
                Cluster.post(apis.get(1), "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}");
            }
            next(events, "desired_lrp_removed", guid);
        } finally {
            stream.body().close();
        }
    }

    @Test
    void aCellFilteredSubscriberOnlySeesInstancesOfItsCell() throws Exception {
        List<String> apis = Cluster.apis();
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> stream = subscribe(apis.get(1), "/v1/events/lrp_instances.r1",
                "{\"cell_id\": \"no-such-cell\"}", events);
        awaitLive(apis.get(0), events);
        try {
            String guid = "events-filtered-" + System.nanoTime();
            Cluster.post(apis.get(0), "/v1/desired_lrp/desire.r2", Lrps.desireBody(guid, 1)).assertOk();
            try {
                next(events, "desired_lrp_created", guid);
                Cluster.await("instance running", Duration.ofSeconds(60), () -> Lrps.allRunning(apis.get(0), guid, 1),
                        () -> Lrps.actuals(apis.get(0), guid));
                events.drainTo(history);
                for (Event e : history) {
                    assertTrue(e.name().startsWith("desired_lrp_"), "unexpected event for another cell: " + e);
                }
            } finally {
                Cluster.post(apis.get(0), "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}");
            }
        } finally {
            stream.body().close();
        }
    }

    static HttpResponse<Stream<String>> subscribe(String api, String path, String body, BlockingQueue<Event> sink)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        SseStream.read(response, sink);
        return response;
    }

    /**
     * The first event of that name mentioning {@code guid}, in arrival order. Events already received stay
     * in the queue's history, so the order in which one transaction's events arrive does not matter.
     */
    private Event next(BlockingQueue<Event> events, String name, String guid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Event e = events.poll(200, TimeUnit.MILLISECONDS);
            if (e != null) {
                history.add(e);
            }
            for (Event seen : history) {
                if (seen.name().equals(name) && seen.data().contains(guid)) {
                    return seen;
                }
            }
        }
        throw new AssertionError("no " + name + " event for " + guid + " within 30 s; got " + history);
    }
}
