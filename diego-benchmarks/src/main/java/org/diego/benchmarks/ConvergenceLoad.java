package org.diego.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver for the convergence benchmark of issue 4: seeds the running cluster's database with
 * N DesiredLRPs × M instances RUNNING on C cells that heart-beat forever (presences far in the
 * future), then reads the converger's {@code ConvergenceLRPDuration} from each instance's
 * {@code /metrics/application} over several passes; then, when {@code lostCells > 0}, expires that many
 * cells' presences at once (a rack lost) and reads the passes that repair it: their instances become
 * SUSPECT and replacements are auctioned (the seeded rootfs is offered by no live cell, so nothing runs).
 * Everything seeded is removed at the end.
 *
 * <pre>java -cp diego-benchmarks/target/benchmarks.jar org.diego.benchmarks.ConvergenceLoad \
 *     [jdbcUrl user password desired instancesEach cells passes lostCells api...]</pre>
 */
public final class ConvergenceLoad {
    private static final String PREFIX = "bench-";

    private ConvergenceLoad() {
    }

    public static void main(String[] args) throws Exception {
        String url = arg(args, 0, "jdbc:mysql://127.0.0.1:23306/diego?rewriteBatchedStatements=true&useSSL=false&allowPublicKeyRetrieval=true");
        String user = arg(args, 1, "diego");
        String password = arg(args, 2, "diego");
        int desired = Integer.parseInt(arg(args, 3, "10000"));
        int instances = Integer.parseInt(arg(args, 4, "10"));
        int cells = Integer.parseInt(arg(args, 5, "100"));
        int passes = Integer.parseInt(arg(args, 6, "5"));
        int lostCells = Integer.parseInt(arg(args, 7, "0"));
        List<String> apis = args.length > 8 ? List.of(args).subList(8, args.length)
                : List.of("http://127.0.0.1:28080", "http://127.0.0.1:29080");

        try (Connection db = DriverManager.getConnection(url, user, password)) {
            clean(db);
            long t0 = System.nanoTime();
            seed(db, desired, instances, cells);
            System.out.printf("seeded %d desired, %d actual, %d cells in %d ms%n", desired, desired * instances, cells,
                    (System.nanoTime() - t0) / 1_000_000);
            try {
                watch(apis, passes);
                if (lostCells > 0) {
                    loseCells(db, lostCells);
                    watch(apis, passes);
                    report(db);
                }
            } finally {
                clean(db);
            }
        }
    }

    private static void seed(Connection db, int desired, int instances, int cells) throws Exception {
        db.setAutoCommit(false);
        long now = System.currentTimeMillis() * 1_000_000L;
        long forever = Long.MAX_VALUE / 2;
        try (PreparedStatement c = db.prepareStatement("INSERT INTO cell_presences (cell_id, presence, expires_at) VALUES (?, ?, ?)")) {
            for (int i = 0; i < cells; i++) {
                String id = PREFIX + "cell-" + i;
                c.setString(1, id);
                c.setString(2, "{\"cell_id\":\"" + id + "\",\"zone\":\"z" + (i % 2) + "\",\"capacity\":{\"memory_mb\":1000000,"
                        + "\"disk_mb\":1000000,\"containers\":100000},\"rootfs_provider_list\":[{\"name\":\"bench\"}]}");
                c.setLong(3, forever);
                c.addBatch();
            }
            c.executeBatch();
        }
        try (PreparedStatement d = db.prepareStatement("INSERT INTO desired_lrps (process_guid, domain, instances, memory_mb,"
                + " disk_mb, rootfs, placement_tags, run_info, modification_tag_epoch, modification_tag_index,"
                + " annotation, routes, volume_placement, metric_tags)"
                + " VALUES (?, 'bench', ?, 64, 64, 'bench:none', '[]', ?, 'e', 0, '', '{}', '{\"driver_names\":[]}', '{}')");
             PreparedStatement a = db.prepareStatement("INSERT INTO actual_lrps (process_guid, instance_index, presence, domain,"
                     + " state, instance_guid, cell_id, net_info, since, modification_tag_epoch, modification_tag_index)"
                     + " VALUES (?, ?, 0, 'bench', 'RUNNING', ?, ?, '{\"address\":\"10.0.0.1\",\"ports\":[]}', ?, 'e', 1)")) {
            for (int p = 0; p < desired; p++) {
                String guid = PREFIX + p;
                d.setString(1, guid);
                d.setInt(2, instances);
                d.setString(3, "{\"process_guid\":\"" + guid + "\",\"domain\":\"bench\",\"rootfs\":\"bench:none\",\"instances\":"
                        + instances + ",\"memory_mb\":64,\"disk_mb\":64,\"action\":{\"run\":{\"path\":\"/bin/true\"}}}");
                d.addBatch();
                for (int i = 0; i < instances; i++) {
                    a.setString(1, guid);
                    a.setInt(2, i);
                    a.setString(3, guid + "-" + i);
                    a.setString(4, PREFIX + "cell-" + ((p * instances + i) % cells));
                    a.setLong(5, now);
                    a.addBatch();
                }
                if (p % 500 == 499) {
                    d.executeBatch();
                    a.executeBatch();
                    db.commit();
                }
            }
            d.executeBatch();
            a.executeBatch();
            db.commit();
        }
        db.setAutoCommit(true);
    }

    /**
     * Prints each new pass's duration per instance, from the converger timer's count and sum (Payara's
     * exporter labels the timer's mean and max in seconds but writes nanoseconds; the sum is right).
     */
    private static void watch(List<String> apis, int passes) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Pattern count = Pattern.compile("(?m)^ConvergenceLRPDuration_seconds_count\\{[^}]*\\} (\\S+)");
        Pattern sum = Pattern.compile("(?m)^ConvergenceLRPDuration_seconds_sum\\{[^}]*\\} (\\S+)");
        double[][] seen = new double[apis.size()][];
        int landed = 0;
        long deadline = System.currentTimeMillis() + 20L * 60 * 1000;
        while (landed < passes && System.currentTimeMillis() < deadline) {
            for (int i = 0; i < apis.size(); i++) {
                String body = http.send(HttpRequest.newBuilder(URI.create(apis.get(i) + "/metrics?scope=application")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher c = count.matcher(body);
                Matcher s = sum.matcher(body);
                if (!c.find() || !s.find()) {
                    continue;
                }
                double[] now = {Double.parseDouble(c.group(1)), Double.parseDouble(s.group(1))};
                if (seen[i] != null && now[0] > seen[i][0]) {
                    landed++;
                    System.out.printf("%s: pass took %.3f s (average over %d new passes)%n", apis.get(i),
                            (now[1] - seen[i][1]) / (now[0] - seen[i][0]), (int) (now[0] - seen[i][0]));
                }
                seen[i] = now;
            }
            Thread.sleep(1000);
        }
    }

    /** Expires the first {@code n} seeded cells' presences, as if their rack lost power. */
    private static void loseCells(Connection db, int n) throws Exception {
        try (PreparedStatement p = db.prepareStatement("UPDATE cell_presences SET expires_at = 0 WHERE cell_id = ?")) {
            for (int i = 0; i < n; i++) {
                p.setString(1, PREFIX + "cell-" + i);
                p.addBatch();
            }
            p.executeBatch();
        }
        System.out.printf("expired %d cells' presences at %s%n", n, java.time.Instant.now());
    }

    private static void report(Connection db) throws Exception {
        try (Statement s = db.createStatement();
             java.sql.ResultSet r = s.executeQuery("SELECT presence, state, COUNT(*) FROM actual_lrps WHERE process_guid LIKE '"
                     + PREFIX + "%' GROUP BY presence, state")) {
            while (r.next()) {
                System.out.printf("rows presence=%d state=%s: %d%n", r.getInt(1), r.getString(2), r.getInt(3));
            }
        }
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
