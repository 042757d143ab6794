package org.diego.cell.executor.steps;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.diego.cell.garden.ContainerInfo;
import org.diego.core.model.PortMapping;

/**
 * One probe of a declarative check, done by the agent itself: Diego runs its healthcheck binary inside
 * the container instead, so the difference is where the connection comes from (the host, not the
 * container's own network). Failure messages are the binary's.
 */
final class ProbeStep extends Step {
    private final Supplier<String> probe;
    private final Executor io;

    /** {@code probe} answers null when healthy, else why not; it must not block past its own timeout. */
    private ProbeStep(Supplier<String> probe, Executor io) {
        this.probe = probe;
        this.io = io;
    }

    @Override
    protected void start() {
        markReady();
        io.execute(() -> {
            String failure;
            try {
                failure = probe.get();
            } catch (RuntimeException e) {
                failure = e.toString();
            }
            if (failure == null) {
                succeed();
            } else {
                fail(StepError.plain(failure));
            }
        });
    }

    @Override
    protected void onCancel() {
        fail(StepError.cancelled());
    }

    /** Healthy when a TCP connection to the port opens within the timeout. */
    static ProbeStep tcp(ContainerInfo info, int port, Duration timeout, Executor io) {
        return new ProbeStep(() -> {
            InetSocketAddress target = address(info, port);
            String addr = target.getHostString() + ":" + target.getPort();
            try (Socket socket = new Socket()) {
                socket.connect(target, (int) Math.max(1, timeout.toMillis()));
                return null;
            } catch (SocketTimeoutException e) {
                return String.format(Locale.ROOT, "failed to make TCP connection to %s: timed out after %.2f seconds",
                        addr, timeout.toMillis() / 1000.0);
            } catch (ConnectException e) {
                return "failed to make TCP connection to " + addr + ": dial tcp " + addr + ": connect: "
                        + String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).replace(" (connection refused)", "");
            } catch (IOException e) {
                return "failed to make TCP connection to " + addr + ": " + e.getMessage();
            }
        }, io);
    }

    /** Healthy when GET {@code path} on the port answers 200 within the timeout (redirects followed). */
    static ProbeStep http(HttpClient http, ContainerInfo info, int port, String path, Duration timeout, Executor io) {
        return new ProbeStep(() -> {
            InetSocketAddress target = address(info, port);
            String what = "failed to make HTTP request to '" + path + "' on port " + port;
            long started = System.nanoTime();
            HttpRequest request;
            try {
                request = HttpRequest.newBuilder(URI.create("http://" + target.getHostString() + ":"
                                + target.getPort() + path))
                        .timeout(timeout).header("User-Agent", "diego-healthcheck")
                        .header("X-Forwarded-Proto", "https").GET().build();
            } catch (IllegalArgumentException e) {
                return "failed to create an HTTP request to '" + path + "' on port " + port;
            }
            CompletableFuture<HttpResponse<Void>> sent =
                    http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
            try {
                HttpResponse<Void> response = sent.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
                if (response.statusCode() == 200) {
                    return null;
                }
                long ms = (System.nanoTime() - started) / 1_000_000;
                return what + ": received status code " + response.statusCode() + " in " + ms + "ms";
            } catch (TimeoutException e) {
                sent.cancel(true);
                return timedOut(what, timeout);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
                    return timedOut(what, timeout);
                }
                return what + ": connection refused";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return what + ": interrupted";
            }
        }, io);
    }

    private static String timedOut(String what, Duration timeout) {
        return String.format(Locale.ROOT, "%s: timed out after %.2f seconds", what, timeout.toMillis() / 1000.0);
    }

    /**
     * Where to reach a container port from the agent. A container with its own address is probed there;
     * one sharing the host's network (the process backend) listens on the host port mapped to it.
     */
    static InetSocketAddress address(ContainerInfo info, int port) {
        String ip = info.containerIp() == null || info.containerIp().isEmpty() ? info.hostIp() : info.containerIp();
        if (ip.equals(info.hostIp())) {
            for (PortMapping m : info.mappedPorts()) {
                if (m.containerPort() == port) {
                    return new InetSocketAddress(ip, m.hostPort());
                }
            }
        }
        return new InetSocketAddress(ip, port);
    }
}
