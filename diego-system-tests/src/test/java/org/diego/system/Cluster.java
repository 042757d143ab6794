package org.diego.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** The running system as a test sees it: its HTTP endpoints, its processes, its database, its admin CLI. */
final class Cluster {
    static final Path ROOT = Path.of(System.getProperty("diego.root", "..")).toAbsolutePath().normalize();
    static final Path STATE = Path.of(System.getProperty("diego.state.dir", ROOT.resolve(".diego").toString()));
    static final List<String> INSTANCES = List.of("diego-i1", "diego-i2");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Cluster() {
    }

    /** API base URL of each instance, in {@link #INSTANCES} order. */
    static List<String> apis() {
        String ports = System.getenv().getOrDefault("DIEGO_HTTP_PORTS", "28080 29080");
        List<String> urls = new ArrayList<>();
        for (String p : ports.trim().split("\\s+")) {
            urls.add("http://127.0.0.1:" + p);
        }
        return urls;
    }

    static Response post(String base, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Response get(String base, String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Response(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls until the condition holds; fails with the description and the last observed state. */
    static void await(String what, Duration timeout, Supplier<Boolean> condition, Supplier<Object> state) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (RuntimeException ignored) {
                // not yet: e.g. an instance restarting
            }
            sleep(500);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last state: " + state.get());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The live root process of the container running this instance guid: of the processes whose
     * environment carries it (the shell and its children), the one whose parent does not.
     */
    static Optional<ProcessHandle> processOf(String instanceGuid) {
        return containerRoots("INSTANCE_GUID=" + instanceGuid).stream().findFirst();
    }

    /** Root processes of every container whose environment carries {@code marker} ({@code NAME=value}). */
    static List<ProcessHandle> containerRoots(String marker) {
        List<ProcessHandle> carriers = ProcessHandle.allProcesses().filter(p -> carries(p, marker)).toList();
        Set<Long> pids = new HashSet<>();
        carriers.forEach(p -> pids.add(p.pid()));
        return carriers.stream().filter(p -> p.parent().map(parent -> !pids.contains(parent.pid())).orElse(true)).toList();
    }

    private static boolean carries(ProcessHandle p, String marker) {
        try {
            byte[] env = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "environ"));
            for (String entry : new String(env, StandardCharsets.UTF_8).split("\0")) {
                if (entry.equals(marker)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    static long cellPid(String cellId) throws IOException {
        return Long.parseLong(Files.readString(STATE.resolve("pids").resolve(cellId + ".pid")).trim());
    }

    /** The work dir `./diego up` gives a cell agent (its containers, its admin-port file). */
    static Path cellWorkDir(String cellId) {
        return STATE.resolve("cells").resolve(cellId);
    }

    /**
     * Starts a cell agent of the test's own beside {@code ./diego up}'s cells: work dir
     * {@code <state>/cells/<id>}, log {@code <state>/logs/<id>.log} (appended), the cluster's broker, plus
     * {@code args}. The caller stops it.
     */
    static Process startCell(String id, List<String> args) throws IOException {
        Path jar = ROOT.resolve("diego-cell-agent").resolve("target").resolve("diego-cell-agent.jar");
        String cp = jar + java.io.File.pathSeparator + jar.resolveSibling("lib") + "/*";
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = STATE.resolve("logs").resolve(id + ".log");
        Files.createDirectories(log.getParent());
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp", cp, "org.diego.cell.CellAgentMain",
                "--cell-id", id, "--work-dir", cellWorkDir(id).toString(),
                "--broker", "mq://127.0.0.1:" + System.getenv().getOrDefault("DIEGO_BROKER_PORT", "27676")));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /**
     * Starts {@code diego-cell-agent drain} for a cell, as an operator would: it asks the agent to evacuate
     * and returns once the agent has exited. Output goes to {@code <state>/logs/drain-<cell>.log}.
     */
    static Process drainCell(String cellId) throws IOException {
        Path jar = ROOT.resolve("diego-cell-agent").resolve("target").resolve("diego-cell-agent.jar");
        String cp = jar + java.io.File.pathSeparator + jar.resolveSibling("lib") + "/*";
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = STATE.resolve("logs").resolve("drain-" + cellId + ".log");
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(java.toString(), "-cp", cp, "org.diego.cell.CellAgentMain", "drain",
                "--work-dir", cellWorkDir(cellId).toString(), "--poll-interval-ms", "500")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Runs {@code ./diego ARGS} and returns its output; fails when it exits non-zero. */
    static String diego(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("diego").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError("./diego " + String.join(" ", args) + " failed:\n" + out);
        }
        return out;
    }

    static Connection database() throws SQLException {
        String url = System.getenv().getOrDefault("DIEGO_DB_URL", "jdbc:mysql://127.0.0.1:"
                + System.getenv().getOrDefault("DIEGO_DB_PORT", "23306") + "/diego");
        return DriverManager.getConnection(url, System.getenv().getOrDefault("DIEGO_DB_USER", "diego"),
                System.getenv().getOrDefault("DIEGO_DB_PASSWORD", "diego"));
    }

    /** Cell ids of the live presences, as the instance at {@code api} lists them. */
    static Set<String> liveCells(String api) {
        Set<String> ids = new HashSet<>();
        post(api, "/v1/cells/list.r1", "").json().path("cells").forEach(c -> ids.add(c.path("cell_id").asText()));
        return ids;
    }

    record Response(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (HTTP " + status + "): " + body, e);
            }
        }

        /** HTTP 200 without an {@code error} in the body. */
        Response assertOk() {
            if (status != 200 || json().has("error")) {
                throw new AssertionError("expected success, got HTTP " + status + ": " + body);
            }
            return this;
        }
    }
}
