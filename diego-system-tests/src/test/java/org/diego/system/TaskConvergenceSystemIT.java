package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Task convergence (Diego §2.2) on the running cluster, with the durations shrunk by
 * {@code system-test.properties} (read here, so the test follows the file). The rootfs is one no cell
 * offers; the test plays the cells, starting tasks under a live cell's id, or under an id that has no
 * presence to see the task lost with its cell.
 */
class TaskConvergenceSystemIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String DOMAIN = "task-conv-it-" + RUN;
    private static final List<String> APIS = Cluster.apis();
    private static final Properties SHRUNK = load();
    private static final Duration EXPIRE_PENDING = seconds("diego.convergence.expire-pending-task-seconds");
    private static final Duration KICK = seconds("diego.convergence.kick-task-seconds");
    private static final Duration EXPIRE_COMPLETED = seconds("diego.convergence.expire-completed-task-seconds");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static HttpServer receiver;
    /** Arrival times (epoch ms) of the callbacks, by path. */
    private static final Map<String, List<Long>> CALLBACKS = new ConcurrentHashMap<>();

    private static Properties load() {
        try (InputStream in = TaskConvergenceSystemIT.class.getResourceAsStream("/system-test.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Duration seconds(String key) {
        return Duration.ofSeconds(Long.parseLong(SHRUNK.getProperty(key).trim()));
    }

    /** Answers 503 to the first three callbacks of a path starting with /flaky/, then 200; 200 elsewhere. */
    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            exchange.getRequestBody().readAllBytes();
            List<Long> calls = CALLBACKS.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>());
            calls.add(System.currentTimeMillis());
            exchange.sendResponseHeaders(path.startsWith("/flaky/") && calls.size() <= 3 ? 503 : 200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static String guid(String name) {
        return name + "-" + RUN;
    }

    private static JsonNode call(String route, String body) {
        Cluster.Response r = Cluster.post(APIS.get(0), "/v1/tasks/" + route, body);
        assertEquals(200, r.status(), route + ": " + r.body());
        return r.json();
    }

    private static void ok(JsonNode response) {
        assertFalse(response.has("error"), response.toString());
    }

    private static void desire(String guid, String callbackUrl) {
        String definition = """
                {"rootfs": "preloaded:task-it-only", "memory_mb": 32, "disk_mb": 32,
                 "completion_callback_url": "%s",
                 "action": {"run": {"path": "/bin/sh", "args": ["-c", "echo done"]}}}
                """.formatted(callbackUrl);
        ok(call("desire.r2", "{\"task_guid\": \"" + guid + "\", \"domain\": \"" + DOMAIN + "\", \"task_definition\": "
                + definition + "}"));
    }

    private static JsonNode lookup(String guid) {
        return call("get_by_task_guid.r3", "{\"task_guid\": \"" + guid + "\"}");
    }

    private static JsonNode task(String guid) {
        JsonNode r = lookup(guid);
        ok(r);
        return r.path("task");
    }

    private static boolean gone(String guid) {
        return "ResourceNotFound".equals(lookup(guid).path("error").path("type").asText());
    }

    private static void start(String guid, String cell) {
        JsonNode r = call("start", "{\"task_guid\": \"" + guid + "\", \"cell_id\": \"" + cell + "\"}");
        ok(r);
        assertTrue(r.path("should_start").asBoolean(), r.toString());
    }

    private static void complete(String guid, String cell) {
        ok(call("complete", """
                {"task_guid": "%s", "cell_id": "%s", "failed": false, "failure_reason": "", "result": "42"}
                """.formatted(guid, cell)));
    }

    private static String liveCell() {
        Cluster.await("a live cell", PATIENCE, () -> !Cluster.liveCells(APIS.get(0)).isEmpty(),
                () -> Cluster.liveCells(APIS.get(0)));
        return Cluster.liveCells(APIS.get(0)).stream().sorted().findFirst().orElseThrow();
    }

    private static long nowNanos() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    /** Best effort: a task left behind is deleted by convergence after the completed expiry anyway. */
    private static void cleanUp(String guid) {
        Cluster.post(APIS.get(0), "/v1/tasks/cancel", "{\"task_guid\": \"" + guid + "\"}");
        Cluster.post(APIS.get(0), "/v1/tasks/resolving", "{\"task_guid\": \"" + guid + "\"}");
        Cluster.post(APIS.get(0), "/v1/tasks/delete", "{\"task_guid\": \"" + guid + "\"}");
    }

    // ---- the rules ----------------------------------------------------------------------------------------

    /**
     * Step 1. The task's creation is moved back to just past the shrunk pending expiry (far short of
     * Diego's 30 min, so the shrunk setting is what fails it). Waiting out the expiry in real time does
     * not work: the auctioneer rejects an unplaceable task at every re-auction and fails it after
     * {@code diego.task.max-retries} rejections, sooner than the expiry, as Diego's would.
     */
    @Test
    void aPendingTaskNeverStartedFailsOnceOlderThanThePendingExpiry() throws Exception {
        String guid = guid("never-started");
        desire(guid, "");
        try {
            assertEquals("Pending", task(guid).path("state").asText());
            // Taken before the update: the pass that fails the task reads its clock after the update commits.
            long backdated = nowNanos();
            long createdAt = backdated - EXPIRE_PENDING.plusSeconds(1).toNanos();
            try (Connection db = Cluster.database();
                 PreparedStatement backdate = db.prepareStatement(
                         "UPDATE tasks SET created_at = ? WHERE task_guid = ? AND state = 1")) {
                backdate.setLong(1, createdAt);
                backdate.setString(2, guid);
                assertEquals(1, backdate.executeUpdate(), "still PENDING when backdated");
            }
            Cluster.await(guid + " failed by convergence", PATIENCE,
                    () -> "Completed".equals(task(guid).path("state").asText()), () -> task(guid));
            JsonNode t = task(guid);
            assertTrue(t.path("failed").asBoolean(), t.toString());
            assertEquals("not started within time limit", t.path("failure_reason").asText(), t.toString());
            assertEquals("", t.path("result").asText());
            assertEquals(createdAt, t.path("created_at").asLong());
            assertTrue(t.path("first_completed_at").asLong() >= backdated, "failed by a pass after the backdating");
            assertTrue(t.path("first_completed_at").asLong() <= nowNanos());
        } finally {
            cleanUp(guid);
        }
    }

    /** Step 5: completed, no callback, never resolved: deleted once first completed longer ago than the expiry. */
    @Test
    void aCompletedTaskNobodyResolvesIsDeletedAfterTheCompletedExpiry() {
        String guid = guid("unresolved");
        String cell = liveCell();
        desire(guid, "");
        try {
            start(guid, cell);
            complete(guid, cell);
            JsonNode done = task(guid);
            assertEquals("Completed", done.path("state").asText(), done.toString());
            long completedAt = done.path("first_completed_at").asLong();

            // Well within the expiry, several passes later, it is still there and still COMPLETED.
            Cluster.sleep(EXPIRE_COMPLETED.dividedBy(2).toMillis());
            JsonNode kept = task(guid);
            assertEquals("Completed", kept.path("state").asText(), kept.toString());
            assertEquals(completedAt, kept.path("first_completed_at").asLong());

            Cluster.await(guid + " deleted", PATIENCE, () -> gone(guid), () -> lookup(guid));
            long goneAfter = nowNanos() - completedAt;
            assertTrue(goneAfter >= EXPIRE_COMPLETED.toNanos(),
                    "deleted only after the expiry: " + goneAfter / 1_000_000 + " ms");
        } finally {
            cleanUp(guid);
        }
    }

    /** Step 3: RUNNING on a cell id with no presence fails within a pass, and keeps naming the cell. */
    @Test
    void aTaskRunningOnACellWithoutPresenceFailsAsLostWithItsCell() {
        String guid = guid("lost");
        String ghost = "ghost-cell-" + RUN;
        assertFalse(Cluster.liveCells(APIS.get(0)).contains(ghost));
        desire(guid, "");
        try {
            start(guid, ghost);
            Cluster.await(guid + " failed by convergence", PATIENCE,
                    () -> "Completed".equals(task(guid).path("state").asText()), () -> task(guid));
            JsonNode t = task(guid);
            assertTrue(t.path("failed").asBoolean(), t.toString());
            assertEquals("cell disappeared before completion", t.path("failure_reason").asText(), t.toString());
            assertEquals(ghost, t.path("cell_id").asText(), "Diego's convergence leaves the cell id");
        } finally {
            cleanUp(guid);
        }
    }

    /**
     * Steps 4 and 6: a receiver that answers 503 three times leaves the task RESOLVING; after the kick
     * duration convergence demotes it and sends the callback again, which is now taken, so the task is
     * deleted. Assumes a pass runs between the kick and the completed expiry (5 s apart with the shrunk
     * settings, passes every 3 s); otherwise step 5 deletes the task without a fourth call.
     */
    @Test
    void aCallbackLeftResolvingIsSentAgainAfterTheKick() {
        String guid = guid("called-again");
        String path = "/flaky/" + guid;
        String cell = liveCell();
        desire(guid, "http://127.0.0.1:" + receiver.getAddress().getPort() + path);
        try {
            start(guid, cell);
            complete(guid, cell);
            Cluster.await("three refused callbacks", PATIENCE, () -> CALLBACKS.getOrDefault(path, List.of()).size() >= 3,
                    CALLBACKS::keySet);
            Cluster.await(guid + " called back again and deleted", PATIENCE, () -> gone(guid), () -> lookup(guid));
            List<Long> calls = CALLBACKS.get(path);
            assertEquals(4, calls.size(), "three 503s, then one accepted call: " + calls);
            long waited = calls.get(3) - calls.get(2);
            assertTrue(waited >= KICK.toMillis() - 1_000, "sent again only after the kick: " + waited + " ms");
        } finally {
            cleanUp(guid);
        }
    }
}
