package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Diego's task routes over HTTP against the two-instance deployment group. The test plays the cells
 * itself (start, complete) and receives completion callbacks on a loopback HTTP server in this JVM,
 * which the cluster on the same host can reach. The rootfs is one no cell offers, so no real cell
 * ever takes these tasks. Tasks are started under the ids of the live cells: task convergence fails
 * a task RUNNING on a cell without presence within a pass (TaskConvergenceSystemIT). Guids carry a
 * per-run suffix.
 */
class TaskRoutesIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String DOMAIN = "task-it-" + RUN;
    private static final List<String> APIS = Cluster.apis();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpServer receiver;
    /** Callback bodies received, by path. */
    private static final Map<String, List<JsonNode>> CALLBACKS = new ConcurrentHashMap<>();

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            JsonNode body = JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            CALLBACKS.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(body);
            exchange.sendResponseHeaders(path.startsWith("/busy/") ? 503 : 200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    private static String guid(String name) {
        return name + "-" + RUN;
    }

    /** The id of live cell {@code i} (0 or 1), so convergence leaves tasks "running" there alone. */
    private static String liveCell(int i) {
        Cluster.await("two live cells", PATIENCE, () -> Cluster.liveCells(APIS.get(0)).size() >= 2,
                () -> Cluster.liveCells(APIS.get(0)));
        return Cluster.liveCells(APIS.get(0)).stream().sorted().toList().get(i);
    }

    private static String callbackUrl(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private static String definition(String callbackUrl) {
        return """
                {"rootfs": "preloaded:task-it-only", "memory_mb": 32, "disk_mb": 32, "annotation": "it-note",
                 "completion_callback_url": "%s",
                 "action": {"run": {"path": "/bin/sh", "args": ["-c", "echo done"]}}}
                """.formatted(callbackUrl);
    }

    private static String desireBody(String guid, String definition) {
        return "{\"task_guid\": \"" + guid + "\", \"domain\": \"" + DOMAIN + "\", \"task_definition\": " + definition + "}";
    }

    private static JsonNode call(String api, String route, String body) {
        Cluster.Response r = Cluster.post(api, "/v1/tasks/" + route, body);
        assertEquals(200, r.status(), route + ": " + r.body());
        return r.json();
    }

    private static void ok(JsonNode response) {
        assertFalse(response.has("error"), response.toString());
    }

    private static void refused(String type, JsonNode response) {
        assertEquals(type, response.path("error").path("type").asText(), response.toString());
    }

    private static void desire(String guid, String callbackUrl) {
        ok(call(APIS.get(0), "desire.r2", desireBody(guid, definition(callbackUrl))));
    }

    private static JsonNode task(String api, String guid) {
        return call(api, "get_by_task_guid.r3", "{\"task_guid\": \"" + guid + "\"}");
    }

    private static JsonNode start(String api, String guid, String cell) {
        return call(api, "start", "{\"task_guid\": \"" + guid + "\", \"cell_id\": \"" + cell + "\"}");
    }

    private static JsonNode complete(String guid, String cell, boolean failed, String reason, String result) {
        return call(APIS.get(1), "complete", """
                {"task_guid": "%s", "cell_id": "%s", "failed": %s, "failure_reason": "%s", "result": "%s"}
                """.formatted(guid, cell, failed, reason, result));
    }

    private static JsonNode byGuid(String route, String guid) {
        return call(APIS.get(0), route, "{\"task_guid\": \"" + guid + "\"}");
    }

    private static void awaitGone(String guid) {
        Cluster.await(guid + " deleted", PATIENCE,
                () -> "ResourceNotFound".equals(task(APIS.get(0), guid).path("error").path("type").asText()),
                () -> task(APIS.get(0), guid));
    }

    /** The auctioneer may record a rejection (no cell has this rootfs) between two reads: ignore what it writes. */
    private static JsonNode withoutAuctionFields(JsonNode task) {
        ObjectNode copy = task.deepCopy();
        copy.remove(List.of("updated_at", "rejection_count", "rejection_reason"));
        return copy;
    }

    @Test
    void desiredTaskIsPendingAndListedByBothInstances() {
        String guid = guid("listed");
        desire(guid, "");
        for (String api : APIS) {
            JsonNode t = task(api, guid).path("task");
            assertEquals("Pending", t.path("state").asText(), t.toString());
            assertEquals(DOMAIN, t.path("domain").asText());
            assertEquals("preloaded:task-it-only", t.path("rootfs").asText(), "the definition is flattened into the task");
            assertEquals(32, t.path("memory_mb").asInt());
            assertEquals("", t.path("cell_id").asText());
            assertTrue(t.path("created_at").asLong() > 0);
            assertTrue(t.path("updated_at").asLong() >= t.path("created_at").asLong(), t.toString());
            assertEquals(withoutAuctionFields(t), withoutAuctionFields(task(api, guid).path("task")), "stable reads");
            assertEquals(withoutAuctionFields(t), withoutAuctionFields(
                    call(api, "get_by_task_guid.r2", "{\"task_guid\": \"" + guid + "\"}").path("task")));
        }
        for (String route : List.of("list.r3", "list.r2")) {
            JsonNode tasks = call(APIS.get(1), route, "{\"domain\": \"" + DOMAIN + "\"}").path("tasks");
            assertTrue(contains(tasks, guid), route + " by domain: " + tasks);
        }
        assertTrue(contains(call(APIS.get(0), "list.r3", "").path("tasks"), guid), "an empty body lists everything");
        assertFalse(contains(call(APIS.get(0), "list.r3", "{\"domain\": \"other-" + RUN + "\"}").path("tasks"), guid));
        assertFalse(contains(call(APIS.get(0), "list.r3", "{\"cell_id\": \"cell-x-" + RUN + "\"}").path("tasks"), guid));
        refused("ResourceNotFound", task(APIS.get(0), guid("never-desired")));

        refused("ResourceExists", call(APIS.get(1), "desire.r2", desireBody(guid, definition(""))));
    }

    @Test
    void twoCellsStartingOneTaskAtOnceOnlyOneStarts() throws Exception {
        String guid = guid("raced");
        desire(guid, "");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String api = APIS.get(i);
                String cell = liveCell(i);
                answers.add(pool.submit(() -> {
                    go.await();
                    return start(api, guid, cell);
                }));
            }
            go.countDown();
            List<JsonNode> results = List.of(answers.get(0).get(), answers.get(1).get());
            long winners = results.stream().filter(r -> r.path("should_start").asBoolean()).count();
            assertEquals(1, winners, "exactly one cell starts it: " + results);
            JsonNode loser = results.stream().filter(r -> !r.path("should_start").asBoolean()).findFirst().orElseThrow();
            refused("InvalidStateTransition", loser);

            int winnerIdx = results.get(0).path("should_start").asBoolean() ? 0 : 1;
            String winnerCell = liveCell(winnerIdx);
            JsonNode running = task(APIS.get(1), guid).path("task");
            assertEquals("Running", running.path("state").asText());
            assertEquals(winnerCell, running.path("cell_id").asText());
            assertTrue(contains(call(APIS.get(0), "list.r3", "{\"cell_id\": \"" + winnerCell + "\"}").path("tasks"), guid));

            JsonNode again = start(APIS.get(0), guid, winnerCell);
            ok(again);
            assertFalse(again.path("should_start").asBoolean(), "a repeated start by the same cell is not an error");

            refused("RunningOnDifferentCell", complete(guid, liveCell(1 - winnerIdx), false, "", ""));
            ok(complete(guid, winnerCell, false, "", "the result"));
            JsonNode done = task(APIS.get(0), guid).path("task");
            assertEquals("Completed", done.path("state").asText());
            assertEquals("the result", done.path("result").asText());
            assertEquals("", done.path("cell_id").asText());
            assertTrue(done.path("first_completed_at").asLong() > 0);

            refused("InvalidStateTransition", byGuid("delete", guid));
            ok(byGuid("resolving", guid));
            refused("InvalidStateTransition", byGuid("resolving", guid));
            ok(byGuid("delete", guid));
            refused("ResourceNotFound", task(APIS.get(0), guid));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void completionCallbackIsPostedAndTheTaskDeleted() {
        String guid = guid("called-back");
        String path = "/ok/" + guid;
        desire(guid, callbackUrl(path));
        assertTrue(start(APIS.get(0), guid, liveCell(0)).path("should_start").asBoolean());
        ok(complete(guid, liveCell(0), true, "exit status 3", "partial"));

        Cluster.await("the callback of " + guid, PATIENCE, () -> CALLBACKS.containsKey(path), CALLBACKS::keySet);
        JsonNode body = CALLBACKS.get(path).get(0);
        assertEquals(guid, body.path("task_guid").asText());
        assertTrue(body.path("failed").asBoolean());
        assertEquals("exit status 3", body.path("failure_reason").asText());
        assertEquals("partial", body.path("result").asText());
        assertEquals("it-note", body.path("annotation").asText());
        assertTrue(body.path("created_at").asLong() > 0);
        awaitGone(guid);
        assertEquals(1, CALLBACKS.get(path).size(), "an accepted callback is sent once");
    }

    @Test
    void anUnavailableReceiverLeavesTheTaskForLater() {
        String guid = guid("busy");
        String path = "/busy/" + guid;
        desire(guid, callbackUrl(path));
        assertTrue(start(APIS.get(1), guid, liveCell(1)).path("should_start").asBoolean());
        ok(complete(guid, liveCell(1), false, "", "r"));

        Cluster.await("three attempts at " + path, PATIENCE,
                () -> CALLBACKS.getOrDefault(path, List.of()).size() >= 3, CALLBACKS::keySet);
        Cluster.sleep(2_000);
        assertEquals(3, CALLBACKS.get(path).size(), "503 is tried three times, then left to convergence");
        JsonNode kept = task(APIS.get(0), guid).path("task");
        assertEquals("Resolving", kept.path("state").asText(), kept.toString());
        ok(byGuid("delete", guid));
    }

    @Test
    void cancellingFailsTheTaskAndCallsBack() {
        String running = guid("cancel-running");
        String path = "/ok/" + running;
        desire(running, callbackUrl(path));
        assertTrue(start(APIS.get(0), running, liveCell(0)).path("should_start").asBoolean());
        ok(byGuid("cancel", running));
        Cluster.await("the cancellation callback", PATIENCE, () -> CALLBACKS.containsKey(path), CALLBACKS::keySet);
        JsonNode body = CALLBACKS.get(path).get(0);
        assertTrue(body.path("failed").asBoolean());
        assertEquals("task was cancelled", body.path("failure_reason").asText());
        awaitGone(running);

        String pending = guid("cancel-pending");
        desire(pending, "");
        ok(byGuid("cancel", pending));
        JsonNode t = task(APIS.get(1), pending).path("task");
        assertEquals("Completed", t.path("state").asText());
        assertTrue(t.path("failed").asBoolean());
        assertEquals("task was cancelled", t.path("failure_reason").asText());
        refused("InvalidStateTransition", byGuid("cancel", pending));
        refused("InvalidStateTransition", start(APIS.get(0), pending, "late-cell-" + RUN));
        ok(byGuid("resolving", pending));
        ok(byGuid("delete", pending));
        refused("ResourceNotFound", byGuid("cancel", guid("never-desired")));
    }

    @Test
    void rejectionsPastTheRetryLimitFailTheTask() {
        // No cell offers this task's rootfs, so the auctioneer rejects it too, racing these calls: reject
        // until the BBS fails the task, accepting refusals once it has (the auctioneer got there first).
        String guid = guid("rejected");
        desire(guid, "");
        JsonNode t = task(APIS.get(0), guid).path("task");
        for (int i = 1; i <= 10 && !"Completed".equals(t.path("state").asText()); i++) {
            assertEquals("Pending", t.path("state").asText(), t.toString());
            call(APIS.get(i % 2), "reject", "{\"task_guid\": \"" + guid + "\", \"rejection_reason\": \"no room " + i + "\"}");
            t = task(APIS.get(0), guid).path("task");
        }
        assertEquals("Completed", t.path("state").asText(), t.toString());
        assertTrue(t.path("failed").asBoolean());
        assertFalse(t.path("failure_reason").asText().isEmpty(), t.toString());
        assertTrue(t.path("rejection_count").asInt() >= 4, t.toString());
        ok(byGuid("resolving", guid));
        ok(byGuid("delete", guid));
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndStoresNothing() {
        String api = APIS.get(0);
        refused("InvalidJSON", call(api, "desire.r2", "{\"task_guid\": "));
        String good = definition("");
        Map<String, String> bad = Map.of(
                "task_guid", desireBody("bad guid!", good),
                "domain", desireBody(guid("no-domain"), good).replace("\"domain\": \"" + DOMAIN + "\"", "\"domain\": \"\""),
                "task_definition", "{\"task_guid\": \"" + guid("no-def") + "\", \"domain\": \"" + DOMAIN + "\"}",
                "rootfs", desireBody(guid("bad-rootfs"), good.replace("preloaded:task-it-only", "cflinuxfs4")),
                "action", desireBody(guid("no-action"), good.replaceFirst("\"action\": \\{.*}}", "\"cpu_weight\": 1}")),
                "memory_mb", desireBody(guid("negative"), good.replace("\"memory_mb\": 32", "\"memory_mb\": -1")),
                "image_password", desireBody(guid("half-creds"), good.replace("\"disk_mb\": 32", "\"disk_mb\": 32, \"image_username\": \"u\"")));
        bad.forEach((field, body) -> {
            JsonNode r = call(api, "desire.r2", body);
            refused("InvalidRequest", r);
            assertTrue(r.path("error").path("message").asText().contains(field), field + ": " + r);
        });
        for (String g : List.of("no-domain", "no-def", "bad-rootfs", "no-action", "negative", "half-creds")) {
            refused("ResourceNotFound", task(api, guid(g)));
        }
        JsonNode typed = call(api, "desire.r2", desireBody(guid("typed"), good.replace("\"memory_mb\": 32", "\"memory_mb\": \"lots\"")));
        refused("InvalidJSON", typed);
        assertTrue(typed.path("error").path("message").asText().contains("memory_mb"), typed.toString());
        refused("ResourceNotFound", task(api, guid("typed")));

        JsonNode noCell = call(api, "start", "{\"task_guid\": \"" + guid("x") + "\"}");
        refused("InvalidRequest", noCell);
        assertTrue(noCell.path("error").path("message").asText().contains("cell_id"), noCell.toString());
        JsonNode noReason = call(api, "reject", "{\"task_guid\": \"" + guid("x") + "\"}");
        assertTrue(noReason.path("error").path("message").asText().contains("rejection_reason"), noReason.toString());
        JsonNode noGuid = call(api, "get_by_task_guid.r3", "{}");
        refused("InvalidRequest", noGuid);
        assertTrue(noGuid.path("error").path("message").asText().contains("task_guid"), noGuid.toString());
    }

    private static boolean contains(JsonNode tasks, String guid) {
        for (JsonNode t : tasks) {
            if (guid.equals(t.path("task_guid").asText())) {
                return true;
            }
        }
        return false;
    }
}
