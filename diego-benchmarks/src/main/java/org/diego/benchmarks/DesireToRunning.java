package org.diego.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * End-to-end start latency for issue 7, against the running cluster: desires one LRP of one instance
 * (no health check, {@code sleep} as vcap) at a time and times the desire request until the BBS lists
 * the instance RUNNING, polling every 10 ms; then removes it and waits until it is gone before the next.
 * Prints p50/p90/p99/max. With a placement tag the LRPs land only on cells carrying it (e.g. the runc
 * cell of the system-test cluster).
 *
 * <pre>java -cp diego-benchmarks/target/benchmarks.jar org.diego.benchmarks.DesireToRunning \
 *     [count=100 api=http://127.0.0.1:28080 placementTag=]</pre>
 */
public final class DesireToRunning {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final long TIMEOUT_NANOS = Duration.ofSeconds(30).toNanos();

    private DesireToRunning() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args.length > 0 ? args[0] : "100");
        String api = args.length > 1 ? args[1] : "http://127.0.0.1:28080";
        String tag = args.length > 2 ? args[2] : "";
        String tags = tag.isEmpty() ? "" : "\"placement_tags\": [\"" + tag + "\"],";
        String prefix = "d2r-" + Long.toHexString(System.nanoTime()) + "-";
        List<Long> millis = new ArrayList<>();
        int timeouts = 0;
        for (int i = 0; i < count; i++) {
            String guid = prefix + i;
            String body = """
                    {"desired_lrp": {"process_guid": "%s", "domain": "d2r", "rootfs": "preloaded:cflinuxfs4",
                     "instances": 1, "memory_mb": 16, "disk_mb": 16, %s
                     "action": {"run": {"path": "/bin/sh", "args": ["-c", "exec sleep 3600"], "user": "vcap"}}}}
                    """.formatted(guid, tags);
            try {
                long t0 = System.nanoTime();
                String answer = post(api, "/v1/desired_lrp/desire.r2", body);
                if (answer.contains("\"type\"")) {
                    throw new IllegalStateException(answer);
                }
                boolean running = false;
                while (!running && System.nanoTime() - t0 < TIMEOUT_NANOS) {
                    running = post(api, "/v1/actual_lrps/list", "{\"process_guid\":\"" + guid + "\"}")
                            .contains("\"state\":\"RUNNING\"");
                    if (!running) {
                        Thread.sleep(10);
                    }
                }
                if (running) {
                    millis.add((System.nanoTime() - t0) / 1_000_000);
                } else {
                    timeouts++;
                }
            } finally {
                post(api, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}");
                long t1 = System.nanoTime();
                while (post(api, "/v1/actual_lrps/list", "{\"process_guid\":\"" + guid + "\"}").contains(guid)
                        && System.nanoTime() - t1 < TIMEOUT_NANOS) {
                    Thread.sleep(20);
                }
            }
        }
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("desire → RUNNING over %d LRPs%s: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms, mean %.0f ms;"
                        + " %d timed out (30 s)%n", sorted.length, tag.isEmpty() ? "" : " tagged " + tag,
                pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1],
                Arrays.stream(sorted).average().orElse(0), timeouts);
    }

    private static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** A JSON POST to the API; the body of the answer (also used by {@link AgentRss}). */
    static String post(String api, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
