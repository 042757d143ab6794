package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tasks run on the real cells: desired over HTTP, placed by the auctioneer, started, run and completed
 * by a cell agent, reported to a completion callback on a loopback HTTP server in this JVM, then deleted
 * by the BBS. The rootfs is the one the test cells offer. Guids carry a per-run suffix.
 */
class TaskExecutionSystemIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String DOMAIN = "task-exec-it-" + RUN;
    private static final String API = Cluster.apis().get(0);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpServer receiver;
    /** The first callback body received, by path. */
    private static final Map<String, JsonNode> CALLBACKS = new ConcurrentHashMap<>();

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            CALLBACKS.putIfAbsent(exchange.getRequestURI().getPath(), JSON.readTree(body));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        Cluster.await("cells cell-1 and cell-2 listed", PATIENCE,
                () -> Cluster.liveCells(API).containsAll(Set.of("cell-1", "cell-2")), () -> Cluster.liveCells(API));
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void aTaskRunsOnACellAndItsResultFileReachesTheCallback() {
        String guid = "hello-" + RUN;
        JsonNode body = desireAndAwaitCallback(guid, "echo hello > result.txt");

        assertEquals(guid, body.path("task_guid").asText());
        assertFalse(body.path("failed").asBoolean(), body.toString());
        assertEquals("", body.path("failure_reason").asText());
        assertEquals("hello\n", body.path("result").asText());
        assertEquals("exec-it", body.path("annotation").asText());
        awaitGone(guid);
    }

    @Test
    void aFailingCommandIsReportedFailedWithItsExitStatus() {
        String guid = "failing-" + RUN;
        JsonNode body = desireAndAwaitCallback(guid, "echo partial > result.txt; exit 3");

        assertTrue(body.path("failed").asBoolean(), body.toString());
        assertEquals("TASK: Exited with status 3", body.path("failure_reason").asText(),
                "Diego's executor prefixes the task's log source");
        awaitGone(guid);
    }

    private static JsonNode desireAndAwaitCallback(String guid, String script) {
        String path = "/done/" + guid;
        String definition = """
                {"rootfs": "preloaded:cflinuxfs4", "memory_mb": 32, "disk_mb": 32, "annotation": "exec-it",
                 "log_guid": "%s", "log_source": "TASK", "result_file": "result.txt",
                 "completion_callback_url": "http://127.0.0.1:%d%s",
                 "action": {"run": {"path": "/bin/sh", "args": ["-c", %s]}}}
                """.formatted(guid, receiver.getAddress().getPort(), path, quote(script));
        JsonNode desired = Cluster.post(API, "/v1/tasks/desire.r2", "{\"task_guid\": \"" + guid + "\", \"domain\": \""
                + DOMAIN + "\", \"task_definition\": " + definition + "}").json();
        assertFalse(desired.has("error"), desired.toString());
        Cluster.await("the completion callback of " + guid, PATIENCE, () -> CALLBACKS.containsKey(path),
                () -> task(guid));
        return CALLBACKS.get(path);
    }

    private static JsonNode task(String guid) {
        return Cluster.post(API, "/v1/tasks/get_by_task_guid.r3", "{\"task_guid\": \"" + guid + "\"}").json();
    }

    private static void awaitGone(String guid) {
        Cluster.await(guid + " deleted after its callback", PATIENCE,
                () -> "ResourceNotFound".equals(task(guid).path("error").path("type").asText()), () -> task(guid));
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
