package org.diego.cell.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code diego-cell-agent drain}: Diego's rep drain script. Asks the agent to evacuate, then polls its
 * {@code /ping} until it stops answering, i.e. the agent has moved its instances away and exited. Exit
 * status 0 when the agent is gone (or was not running), 1 when it still answers after the timeout or
 * refused the request.
 */
@Command(name = "drain", mixinStandardHelpOptions = true,
        description = "Evacuate a running cell agent and wait until it exits.")
public final class DrainCommand implements Callable<Integer> {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    @Spec
    CommandSpec spec;
    @Option(names = "--work-dir", description = "The agent's work dir; its admin port is read from <work-dir>/"
            + AdminServer.PORT_FILE + ".")
    Path workDir;
    @Option(names = "--admin-port", description = "The agent's admin port on 127.0.0.1 (instead of --work-dir).")
    Integer adminPort;
    @Option(names = "--timeout-ms", defaultValue = "660000",
            description = "Give up when the agent still runs after this long (default: ${DEFAULT-VALUE}, the "
                    + "agent's default evacuation timeout plus a minute).")
    long timeoutMs;
    @Option(names = "--poll-interval-ms", defaultValue = "1000",
            description = "How often to ping the agent (default: ${DEFAULT-VALUE}).")
    long pollIntervalMs;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((workDir == null) == (adminPort == null) || timeoutMs <= 0 || pollIntervalMs <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give exactly one of --work-dir and --admin-port; timeouts and intervals must be positive");
        }
        int port;
        try {
            port = adminPort != null ? adminPort : AdminServer.portIn(workDir);
        } catch (NoSuchFileException e) {
            out.println("no cell agent runs in " + workDir + " (no " + AdminServer.PORT_FILE + " file)");
            return 0;
        } catch (IOException e) {
            err.println("cannot read the admin port: " + e.getMessage());
            return 1;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
        String base = "http://127.0.0.1:" + port;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/evacuate"))
                    .timeout(REQUEST_TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                err.println("the agent refused to evacuate: HTTP " + r.statusCode() + " " + r.body());
                return 1;
            }
        } catch (IOException e) {
            out.println("no cell agent answers on port " + port + " (" + e + ")");
            return 0;
        }
        out.println("evacuating the cell agent on port " + port + "; waiting for it to exit");
        out.flush();
        long deadline = System.nanoTime() + Duration.ofMillis(timeoutMs).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(pollIntervalMs);
            if (!alive(http, base)) {
                out.println("the cell agent has exited");
                return 0;
            }
        }
        err.println("the cell agent still runs after " + timeoutMs + " ms");
        return 1;
    }

    private static boolean alive(HttpClient http, String base) throws InterruptedException {
        try {
            http.send(HttpRequest.newBuilder(URI.create(base + "/ping")).timeout(REQUEST_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (HttpTimeoutException e) {
            return true; // busy, not gone
        } catch (IOException e) {
            return false;
        }
    }
}
