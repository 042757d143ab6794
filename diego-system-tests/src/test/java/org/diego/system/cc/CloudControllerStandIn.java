package org.diego.system.cc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Cloud Controller as the bridge sees it, for tests: every request is recorded; a handler registered
 * for (method, path prefix) answers it — the longest matching prefix wins, method {@code "*"} matches
 * any — and an unhandled request gets 200 {@code {}}. Bind it to the port the cluster is configured
 * with ({@link #DEFAULT_PORT}); close it after the test so the next one can bind.
 */
public final class CloudControllerStandIn implements AutoCloseable {
    /** The port of {@code diego.cc.base-url} in system-test.properties. */
    public static final int DEFAULT_PORT = 28990;

    private final HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Recorded, Reply>> handlers = new ConcurrentHashMap<>();

    private CloudControllerStandIn(HttpServer server) {
        this.server = server;
    }

    /** Starts on 127.0.0.1:{@code port} (0 = any free port). */
    public static CloudControllerStandIn start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            CloudControllerStandIn cc = new CloudControllerStandIn(server);
            server.createContext("/", cc::serve);
            server.setExecutor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "cc-stand-in");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return cc;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " (another stand-in still open?)", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method} requests whose path starts with {@code pathPrefix} ("*" = any method). */
    public void handle(String method, String pathPrefix, Function<Recorded, Reply> handler) {
        handlers.put(method.toUpperCase() + " " + pathPrefix, handler);
    }

    /** Every request so far, oldest first. */
    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** The recorded requests of {@code method} under {@code pathPrefix}, oldest first. */
    public List<Recorded> requests(String method, String pathPrefix) {
        return requests.stream().filter(matching(method, pathPrefix)).toList();
    }

    /**
     * The first request (recorded before or after the call) of {@code method} under {@code pathPrefix};
     * fails the test when none arrives within {@code timeout}.
     */
    public Recorded await(String method, String pathPrefix, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<Recorded> found = requests.stream().filter(matching(method, pathPrefix)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + method + " " + pathPrefix + " within " + timeout + "; got "
                        + requests.stream().map(r -> r.method() + " " + r.path()).toList());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private static Predicate<Recorded> matching(String method, String pathPrefix) {
        return r -> ("*".equals(method) || r.method().equalsIgnoreCase(method)) && r.path().startsWith(pathPrefix);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            Recorded r = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), headers, exchange.getRequestBody().readAllBytes());
            requests.add(r);
            Reply reply;
            try {
                reply = handlerFor(r).map(h -> h.apply(r)).orElse(Reply.json(200, "{}"));
            } catch (RuntimeException e) {
                reply = Reply.json(500, "{\"error\":\"stand-in handler failed: " + e + "\"}");
            }
            if (reply.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            }
            byte[] body = reply.body() == null ? new byte[0] : reply.body();
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    private Optional<Function<Recorded, Reply>> handlerFor(Recorded r) {
        String best = null;
        int bestLength = -1;
        for (String key : handlers.keySet()) {
            int space = key.indexOf(' ');
            String method = key.substring(0, space);
            String prefix = key.substring(space + 1);
            boolean methodMatches = method.equals("*") || method.equalsIgnoreCase(r.method());
            // An exact method beats "*" for the same prefix.
            int length = prefix.length() * 2 + (method.equals("*") ? 0 : 1);
            if (methodMatches && r.path().startsWith(prefix) && length > bestLength) {
                best = key;
                bestLength = length;
            }
        }
        return Optional.ofNullable(best == null ? null : handlers.get(best));
    }

    /** One request as received; {@code query} is raw (null when absent). */
    public record Recorded(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** A header's first value, ignoring case, or null. */
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** An answer. */
    public record Reply(int status, String contentType, byte[] body) {
        public static Reply json(int status, String json) {
            return new Reply(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        public static Reply empty(int status) {
            return new Reply(status, null, new byte[0]);
        }
    }
}
