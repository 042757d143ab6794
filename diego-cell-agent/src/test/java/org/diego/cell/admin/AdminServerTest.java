package org.diego.cell.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The loopback admin endpoint and the drain command that drives it. */
class AdminServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path workDir;

    @Test
    void evacuateAnswers202WithThePingPathAndPingAnswers200() throws Exception {
        AtomicInteger evacuations = new AtomicInteger();
        try (AdminServer admin = AdminServer.start(0, workDir, evacuations::incrementAndGet)) {
            assertEquals(admin.port(), AdminServer.portIn(workDir));
            String base = "http://127.0.0.1:" + admin.port();

            HttpResponse<String> evacuate = send(HttpRequest.newBuilder(URI.create(base + "/evacuate"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(202, evacuate.statusCode());
            assertEquals("{\"ping_path\":\"/ping\"}", evacuate.body());
            assertEquals(1, evacuations.get());

            assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + "/ping")).GET()).statusCode());
            assertEquals(405, send(HttpRequest.newBuilder(URI.create(base + "/evacuate")).GET()).statusCode());
            assertEquals(404, send(HttpRequest.newBuilder(URI.create(base + "/state")).GET()).statusCode());
            assertEquals(1, evacuations.get());
        }
        assertFalse(Files.exists(workDir.resolve(AdminServer.PORT_FILE)), "the port file goes with the server");
    }

    @Test
    void drainEvacuatesAndReturnsOnceTheAgentStopsAnswering() throws Exception {
        CompletableFuture<AdminServer> server = new CompletableFuture<>();
        AtomicInteger evacuations = new AtomicInteger();
        // The "agent" exits a moment after it is asked to evacuate.
        server.complete(AdminServer.start(0, workDir, () -> {
            evacuations.incrementAndGet();
            CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS)
                    .execute(() -> server.join().close());
        }));

        assertEquals(0, drain("--work-dir", workDir.toString(), "--poll-interval-ms", "20"));
        assertEquals(1, evacuations.get());
    }

    @Test
    void drainGivesUpOnAnAgentThatNeverExits() throws Exception {
        try (AdminServer admin = AdminServer.start(0, null, () -> { })) {
            assertEquals(1, drain("--admin-port", Integer.toString(admin.port()), "--poll-interval-ms", "20",
                    "--timeout-ms", "200"));
        }
    }

    @Test
    void drainOfNoAgentSucceedsAndNeedsOneWayToFindIt() {
        assertEquals(0, drain("--work-dir", workDir.toString()));
        assertEquals(2, drain());
        assertEquals(2, drain("--work-dir", workDir.toString(), "--admin-port", "1"));
    }

    @Test
    void aTakenPortFailsTheStart() throws Exception {
        try (AdminServer admin = AdminServer.start(0, null, () -> { })) {
            assertThrows(IOException.class, () -> AdminServer.start(admin.port(), null, () -> { }));
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int drain(String... args) {
        CommandLine cmd = new CommandLine(new DrainCommand());
        StringWriter out = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(out));
        int status = cmd.execute(args);
        assertTrue(status == 0 || !out.toString().isEmpty(), "a failure says why");
        return status;
    }
}
