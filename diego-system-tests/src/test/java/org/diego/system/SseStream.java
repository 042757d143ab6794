package org.diego.system;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Stream;

/** Reading Server-Sent Events from the BBS in the event stream system tests. */
final class SseStream {
    private SseStream() {
    }

    /** One SSE event; {@code data} is "" when the event had none. */
    record Event(String id, String name, String data) {
    }

    /** Parses the response's lines into {@code sink} on a daemon thread until the stream closes. */
    static void read(HttpResponse<Stream<String>> response, BlockingQueue<Event> sink) {
        Thread reader = new Thread(() -> parse(response.body(), sink), "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private static void parse(Stream<String> lines, BlockingQueue<Event> sink) {
        String[] current = new String[3];
        try {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if (current[1] != null) {
                        sink.add(new Event(current[0], current[1], current[2] == null ? "" : current[2]));
                    }
                    current[0] = current[1] = current[2] = null;
                } else if (line.startsWith("id:")) {
                    current[0] = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    current[1] = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    current[2] = (current[2] == null ? "" : current[2] + "\n") + line.substring(5).trim();
                }
            });
        } catch (RuntimeException closed) {
            // the test closed the stream
        }
    }

    /**
     * The server registers a subscriber right after answering with the stream's headers, so under load
     * the first change could slip past: wait until an event of a throwaway LRP arrives (desired LRP
     * events reach every subscriber, filtered or not; protobuf data carries the guid as raw bytes).
     */
    static void awaitLive(String api, Collection<Event> events) {
        String probe = "probe-" + System.nanoTime();
        Cluster.post(api, "/v1/desired_lrp/desire.r2", Lrps.desireBody(probe, 0)).assertOk();
        try {
            Cluster.await("subscription live", Duration.ofSeconds(30),
                    () -> events.stream().anyMatch(e -> mentions(e.data(), probe)), () -> events);
        } finally {
            Cluster.post(api, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + probe + "\"}");
        }
    }

    /** Whether the event data names {@code guid}, as JSON text or inside base64 protobuf. */
    static boolean mentions(String data, String guid) {
        if (data == null) {
            return false;
        }
        if (data.contains(guid)) {
            return true;
        }
        try {
            return new String(Base64.getDecoder().decode(data), StandardCharsets.ISO_8859_1).contains(guid);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
