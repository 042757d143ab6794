package org.diego.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * BBS load driver for issue 3, modelled on Diego's benchmarkbbs, against the running cluster:
 * <ol>
 *   <li>raw JDBC insert loop into a scratch table shaped like {@code desired_lrps}, then the same
 *       number of desires over the API, both with the same client concurrency: desire throughput as a
 *       fraction of the raw insert rate;</li>
 *   <li>listing 100,000 ActualLRPs (seeded by SQL) in JSON and in protobuf;</li>
 *   <li>claim then start over the API from 100 simulated cells at once (one thread each): latency
 *       percentiles, while event subscribers (optional) follow the instance stream. By default each
 *       cell claims and starts its instances back to back (a closed loop: the stress case); with
 *       {@code -Dbbsload.pace-ms=P} each cell starts one instance every P ms (an open loop at a fixed
 *       cluster-wide rate, like reps starting containers as they come up), latencies measured from
 *       each call's own start.</li>
 * </ol>
 * Everything it creates is removed at the end.
 *
 * <pre>java -cp diego-benchmarks/target/benchmarks.jar org.diego.benchmarks.BbsLoad \
 *     [desires=2000 concurrency=8 listSize=100000 cells=100 perCell=20 subscribers=2 api[,api...] jdbcUrl]</pre>
 */
public final class BbsLoad {
    private static final String PREFIX = "bbsload-";
    /** Which phases run ({@code -Dbbsload.phases=desire,list,claim}, all by default), e.g. to profile one. */
    private static final String PHASES = System.getProperty("bbsload.phases", "desire,list,claim");
    private static final long PACE_MS = Long.getLong("bbsload.pace-ms", 0);
    /** Instances per desired LRP in phase 1 ({@code -Dbbsload.instances}; 0 leaves the auction out). */
    private static final int INSTANCES = Integer.getInteger("bbsload.instances", 1);
    // HTTP/1.1 like Diego's clients: the JDK's default h2c upgrade attempt costs a round trip per request here.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(16)).build();

    private BbsLoad() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // the pools' threads would keep a failed run's JVM up
        }
        System.exit(0); // the event readers' threads would keep the JVM up
    }

    private static void run(String[] args) throws Exception {
        int desires = Integer.parseInt(arg(args, 0, "2000"));
        int concurrency = Integer.parseInt(arg(args, 1, "8"));
        int listSize = Integer.parseInt(arg(args, 2, "100000"));
        int cells = Integer.parseInt(arg(args, 3, "100"));
        int perCell = Integer.parseInt(arg(args, 4, "20"));
        int subscribers = Integer.parseInt(arg(args, 5, "2"));
        // Comma-separated: the desire phase's clients take them in turn (a load balancer over the deployment group).
        String[] apis = arg(args, 6, "http://127.0.0.1:28080").split(",");
        String api = apis[0];
        String url = arg(args, 7, "jdbc:mysql://127.0.0.1:23306/diego?rewriteBatchedStatements=true&useSSL=false"
                + "&allowPublicKeyRetrieval=true");
        try (Connection db = DriverManager.getConnection(url, "diego", "diego")) {
            clean(db);
            try {
                if (PHASES.contains("desire")) {
                    desireVersusRawInsert(db, url, apis, desires, concurrency);
                    clean(db);
                }
                if (PHASES.contains("list")) {
                    listing(db, api, listSize);
                    clean(db);
                }
                if (PHASES.contains("claim")) {
                    claimAndStart(api, cells, perCell, subscribers);
                }
            } finally {
                clean(db);
            }
        }
    }

    /** Phase 1: the API's desire rate against a raw INSERT rate into the same database. */
    private static void desireVersusRawInsert(Connection db, String url, String[] apis, int n, int threads) throws Exception {
        try (Statement s = db.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS bbsload_raw LIKE desired_lrps");
            s.executeUpdate("DELETE FROM bbsload_raw");
        }
        String runInfo = desireBody("x", 1);
        AtomicInteger next = new AtomicInteger();
        double raw = rate(threads, n, () -> {
            try (Connection c = DriverManager.getConnection(url, "diego", "diego");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO bbsload_raw (process_guid, domain, instances,"
                         + " memory_mb, disk_mb, rootfs, placement_tags, run_info, modification_tag_epoch,"
                         + " modification_tag_index, annotation, routes, volume_placement, metric_tags)"
                         + " VALUES (?, 'bbsload', 1, 64, 64, 'preloaded:bbsload', '[]', ?, 'e', 0, '', '{}', '{}', '{}')")) {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    insert.setString(1, PREFIX + "raw-" + i);
                    insert.setString(2, runInfo);
                    insert.executeUpdate();
                }
            }
            return null;
        });
        AtomicInteger nextDesire = new AtomicInteger();
        AtomicInteger clients = new AtomicInteger();
        double api1 = rate(threads, n, () -> {
            String api = apis[clients.getAndIncrement() % apis.length];
            for (int i = nextDesire.getAndIncrement(); i < n; i = nextDesire.getAndIncrement()) {
                String answer = post(api, "/v1/desired_lrp/desire.r2", desireBody(PREFIX + "d-" + i, INSTANCES), "application/json");
                if (answer.contains("\"error\"")) {
                    throw new IllegalStateException(answer);
                }
            }
            return null;
        });
        try (Statement s = db.createStatement()) {
            s.executeUpdate("DROP TABLE bbsload_raw");
        }
        System.out.printf("desire: %.0f/s over the API (%d instance(s)) vs %.0f/s raw JDBC inserts (%d each, %d clients):"
                + " %.0f %%%n", api1, apis.length, raw, n, threads, 100 * api1 / raw);
    }

    /** Phase 2: list N ActualLRPs in both formats. */
    private static void listing(Connection db, String api, int n) throws Exception {
        long now = System.currentTimeMillis() * 1_000_000L;
        // Present cells, so that convergence does not turn the seeded rows into suspects meanwhile.
        try (PreparedStatement c = db.prepareStatement("INSERT INTO cell_presences (cell_id, presence, expires_at) VALUES (?, ?, ?)")) {
            for (int i = 0; i < 100; i++) {
                c.setString(1, PREFIX + "cell-" + i);
                c.setString(2, "{\"cell_id\":\"" + PREFIX + "cell-" + i + "\",\"zone\":\"z1\",\"capacity\":{\"memory_mb\":1,"
                        + "\"disk_mb\":1,\"containers\":1},\"rootfs_providers\":[{\"name\":\"bbsload\"}]}");
                c.setLong(3, Long.MAX_VALUE / 2);
                c.addBatch();
            }
            c.executeBatch();
        }
        db.setAutoCommit(false);
        try (PreparedStatement a = db.prepareStatement("INSERT INTO actual_lrps (process_guid, instance_index, presence, domain,"
                + " state, instance_guid, cell_id, net_info, since, modification_tag_epoch, modification_tag_index)"
                + " VALUES (?, ?, 0, 'bbsload', 'RUNNING', ?, ?, '{\"address\":\"10.0.0.1\",\"ports\":[{\"container_port\":8080,"
                + "\"host_port\":61001}],\"instance_address\":\"10.255.0.1\"}', ?, 'e', 1)")) {
            for (int i = 0; i < n; i++) {
                a.setString(1, PREFIX + "list-" + (i / 100));
                a.setInt(2, i % 100);
                a.setString(3, PREFIX + "ig-" + i);
                a.setString(4, PREFIX + "cell-" + (i % 100));
                a.setLong(5, now);
                a.addBatch();
                if (i % 5000 == 4999) {
                    a.executeBatch();
                    db.commit();
                }
            }
            a.executeBatch();
            db.commit();
        }
        db.setAutoCommit(true);
        for (String type : List.of("application/json", "application/x-protobuf")) {
            long best = Long.MAX_VALUE;
            long bytes = 0;
            for (int run = 0; run < 5; run++) {
                long t0 = System.nanoTime();
                byte[] body = HTTP.send(request(api, "/v1/actual_lrps/list", "{\"domain\":\"bbsload\"}", type)
                        .header("Accept", type).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
                best = Math.min(best, System.nanoTime() - t0);
                bytes = body.length;
            }
            System.out.printf("list %d ActualLRPs as %s: best of 5 %d ms (%d bytes)%n", n, type, best / 1_000_000, bytes);
        }
    }

    /** Phase 3: each simulated cell claims then starts its own instances; latency percentiles. */
    private static void claimAndStart(String api, int cells, int perCell, int subscribers) throws Exception {
        List<HttpResponse<java.util.stream.Stream<String>>> streams = new ArrayList<>();
        AtomicLong eventsSeen = new AtomicLong();
        for (int s = 0; s < subscribers; s++) {
            HttpResponse<java.util.stream.Stream<String>> stream = HTTP.send(request(api.replace("28080", s % 2 == 0 ? "28080" : "29080"),
                    "/v1/events/lrp_instances.r1", "{}", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
            Thread reader = new Thread(() -> {
                try {
                    stream.body().filter(l -> l.startsWith("event:")).forEach(l -> eventsSeen.incrementAndGet());
                } catch (java.io.UncheckedIOException closedAtTheEnd) {
                    // the phase closes the stream when it is done
                }
            });
            reader.setDaemon(true);
            reader.start();
            streams.add(stream);
        }
        for (int c = 0; c < cells; c++) {
            post(api, "/v1/desired_lrp/desire.r2", desireBody(PREFIX + "c-" + c, perCell), "application/json");
        }
        long[] claims = new long[cells * perCell];
        long[] starts = new long[cells * perCell];
        ExecutorService pool = Executors.newFixedThreadPool(cells);
        List<Future<?>> done = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < cells; c++) {
            int cell = c;
            done.add(pool.submit(() -> {
                String guid = PREFIX + "c-" + cell;
                String cellId = PREFIX + "cell-" + cell;
                long first = System.nanoTime() + (PACE_MS > 0 ? cell * PACE_MS * 1_000_000L / cells : 0);
                for (int i = 0; i < perCell; i++) {
                    if (PACE_MS > 0) {
                        long due = first + i * PACE_MS * 1_000_000L - System.nanoTime();
                        if (due > 0) {
                            Thread.sleep(due / 1_000_000L, (int) (due % 1_000_000L));
                        }
                    }
                    String key = "{\"instance_guid\":\"" + guid + "-" + i + "\",\"cell_id\":\"" + cellId + "\"}";
                    long a = System.nanoTime();
                    check(post(api, "/v1/actual_lrps/claim", "{\"process_guid\":\"" + guid + "\",\"index\":" + i
                            + ",\"actual_lrp_instance_key\":" + key + "}", "application/json"));
                    long b = System.nanoTime();
                    check(post(api, "/v1/actual_lrps/start.r1", "{\"actual_lrp_key\":{\"process_guid\":\"" + guid
                            + "\",\"index\":" + i + ",\"domain\":\"bbsload\"},\"actual_lrp_instance_key\":" + key
                            + ",\"actual_lrp_net_info\":{\"address\":\"10.0.0.1\",\"ports\":[{\"container_port\":8080,"
                            + "\"host_port\":" + (61000 + i) + "}],\"instance_address\":\"10.255.0.1\"}}", "application/json"));
                    claims[cell * perCell + i] = b - a;
                    starts[cell * perCell + i] = System.nanoTime() - b;
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        long wall = System.nanoTime() - t0;
        pool.shutdown();
        System.out.printf("claim: %s%nstart: %s%n%d claims + %d starts from %d cells in %d ms; %d events seen by %d subscribers%n",
                percentiles(claims), percentiles(starts), claims.length, starts.length, cells, wall / 1_000_000,
                eventsSeen.get(), subscribers);
        for (int c = 0; c < cells; c++) {
            post(api, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + PREFIX + "c-" + c + "\"}", "application/json");
        }
        streams.forEach(s -> s.body().close());
    }

    private static void check(String answer) {
        if (answer.contains("\"error\"")) {
            throw new IllegalStateException(answer);
        }
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms", at(sorted, 0.50), at(sorted, 0.90),
                at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** Runs {@code work} on {@code threads} threads; returns items per second. */
    private static double rate(int threads, int items, java.util.concurrent.Callable<Void> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<Void>> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            all.add(pool.submit(work));
        }
        for (Future<Void> f : all) {
            f.get();
        }
        pool.shutdown();
        return items / ((System.nanoTime() - t0) / 1e9);
    }

    static String desireBody(String guid, int instances) {
        return "{\"desired_lrp\": {\"process_guid\": \"" + guid + "\", \"domain\": \"bbsload\", \"rootfs\": \"preloaded:bbsload\","
                + " \"instances\": " + instances + ", \"memory_mb\": 64, \"disk_mb\": 64,"
                + " \"action\": {\"run\": {\"path\": \"/bin/sh\", \"args\": [\"-c\", \"sleep 3600\"]}}}}";
    }

    private static HttpRequest.Builder request(String api, String path, String body, String type) {
        return HttpRequest.newBuilder(URI.create(api + path)).header("Content-Type", "application/json")
                .header("Accept", type).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String post(String api, String path, String body, String type) throws Exception {
        return HTTP.send(request(api, path, body, type).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void clean(Connection db) throws Exception {
        try (Statement s = db.createStatement()) {
            s.executeUpdate("DELETE FROM actual_lrps WHERE process_guid LIKE '" + PREFIX + "%'");
            s.executeUpdate("DELETE FROM desired_lrps WHERE process_guid LIKE '" + PREFIX + "%'");
            s.executeUpdate("DELETE FROM cell_presences WHERE cell_id LIKE '" + PREFIX + "%'");
        }
    }

    private static String arg(String[] args, int i, String fallback) {
        return args.length > i ? args[i] : fallback;
    }
}
