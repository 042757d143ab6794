package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Logs and metrics (issue 7, Metron's job): an LRP whose process prints lines has them, tagged with its
 * source type and instance index, in the recent buffer on both Payara instances, streamed live over SSE
 * from the instance that did not necessarily receive them, next to the executor's own progress line;
 * its instances' container metrics appear (cells report every 15 s by default).
 */
class LogStreamSystemIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_SOURCE = "APP/PROC/WEB";

    private static String desireBody(String guid, String logGuid) {
        // No quotes: the script goes into a JSON string as it is.
        String script = "i=0; while true; do echo line $i from $INSTANCE_INDEX; echo warn $i >&2; "
                + "i=$((i+1)); sleep 1; done";
        return """
                {"desired_lrp": {"process_guid": "%s", "domain": "skeleton", "rootfs": "preloaded:cflinuxfs4",
                 "instances": 2, "memory_mb": 64, "disk_mb": 64, "log_guid": "%s", "log_source": "CELL",
                 "metrics_guid": "%s",
                 "action": {"emit_progress": {"start_message": "Starting app",
                   "action": {"run": {"path": "/bin/sh", "args": ["-c", "%s"], "log_source": "%s"}}}}}}
                """.formatted(guid, logGuid, logGuid, script, APP_SOURCE);
    }

    private static JsonNode recent(String api, String logGuid) {
        Cluster.Response r = Cluster.get(api, "/v1/logs/" + logGuid + "/recent");
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    /** Whether the lines hold an OUT and an ERR line of the app for each index, and the CELL progress line. */
    private static boolean complete(JsonNode lines) {
        Set<String> seen = new HashSet<>();
        for (JsonNode line : lines) {
            seen.add(line.path("source_type").asText() + "|" + line.path("source_instance").asText() + "|"
                    + line.path("message_type").asText());
            if ("Starting app".equals(line.path("message").asText())) {
                seen.add("progress|" + line.path("source_type").asText());
            }
        }
        return seen.containsAll(List.of(APP_SOURCE + "|0|OUT", APP_SOURCE + "|1|OUT", APP_SOURCE + "|0|ERR",
                APP_SOURCE + "|1|ERR", "progress|CELL"));
    }

    @Test
    void linesAreKeptOnEveryInstanceStreamedLiveAndMetricsReported() throws Exception {
        List<String> apis = Cluster.apis();
        String guid = "logs-" + System.nanoTime();
        String logGuid = "lg-" + guid;
        Cluster.post(apis.get(0), "/v1/desired_lrp/desire.r2", desireBody(guid, logGuid)).assertOk();
        HttpResponse<Stream<String>> stream = null;
        try {
            Cluster.await("both instances running", Duration.ofSeconds(60), () -> Lrps.allRunning(apis.get(0), guid, 2),
                    () -> Lrps.actuals(apis.get(0), guid));
            for (String api : apis) {
                Cluster.await("app lines of both indexes in /recent on " + api, Duration.ofSeconds(30),
                        () -> complete(recent(api, logGuid)), () -> recent(api, logGuid));
            }
            JsonNode last = recent(apis.get(1), logGuid);
            JsonNode limited = Cluster.get(apis.get(1), "/v1/logs/" + logGuid + "/recent?limit=3").json();
            assertTrue(limited.size() <= 3 && limited.size() > 0, limited.toString());
            assertEquals(400, Cluster.get(apis.get(1), "/v1/logs/" + logGuid + "/recent?limit=zero").status());
            assertTrue(last.get(0).path("timestamp_ns").asLong() > 0);

            // Live: the stream replays nothing, so lines of both indexes seen on it were printed after subscribing.
            BlockingQueue<SseStream.Event> events = new LinkedBlockingQueue<>();
            stream = subscribe(apis.get(1), "/v1/logs/" + logGuid + "/stream", events);
            assertEquals(200, stream.statusCode());
            assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            List<SseStream.Event> seen = new ArrayList<>();
            Set<String> liveIndexes = new HashSet<>();
            Cluster.await("live app lines of both indexes", Duration.ofSeconds(30), () -> {
                events.drainTo(seen);
                for (SseStream.Event e : seen) {
                    JsonNode data = parse(e.data());
                    if ("log".equals(e.name()) && logGuid.equals(data.path("log_guid").asText())
                            && APP_SOURCE.equals(data.path("source_type").asText())
                            && data.path("message").asText().startsWith("line ")) {
                        liveIndexes.add(data.path("source_instance").asText());
                    }
                }
                return liveIndexes.containsAll(List.of("0", "1"));
            }, () -> seen);

            Set<String> instanceGuids = new HashSet<>();
            Lrps.actuals(apis.get(0), guid).forEach(a -> instanceGuids.add(a.path("instance_guid").asText()));
            Cluster.await("metrics of both instances", Duration.ofSeconds(60), () -> {
                JsonNode metrics = Cluster.get(apis.get(1), "/v1/containers/metrics/" + guid).json();
                Set<String> reported = new HashSet<>();
                for (JsonNode m : metrics) {
                    if (guid.equals(m.path("process_guid").asText()) && m.path("memory_bytes").asLong() > 0
                            && m.path("memory_bytes_quota").asLong() == 64L * 1024 * 1024) {
                        reported.add(m.path("instance_guid").asText());
                    }
                }
                return reported.containsAll(instanceGuids);
            }, () -> Cluster.get(apis.get(1), "/v1/containers/metrics/" + guid).body());
        } finally {
            if (stream != null) {
                stream.body().close();
            }
            Cluster.post(apis.get(0), "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}");
        }
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static HttpResponse<Stream<String>> subscribe(String api, String path, BlockingQueue<SseStream.Event> sink)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + path)).header("Accept", "text/event-stream")
                .GET().build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofLines());
        SseStream.read(response, sink);
        return response;
    }
}
