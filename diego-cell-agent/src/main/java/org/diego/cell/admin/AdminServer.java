package org.diego.cell.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loopback HTTP: {@code POST /evacuate} → 202 {@code {"ping_path":"/ping"}} after asking the agent to
 * evacuate, {@code GET /ping} → 200. Several cells may share a host, so the port is usually chosen by the
 * system (0) and written to {@code <work-dir>/admin-port}, where {@code drain} finds it.
 */
public final class AdminServer implements AutoCloseable {
    /** Where a running agent leaves its admin port, one line of digits. */
    public static final String PORT_FILE = "admin-port";
    private static final Logger LOG = Logger.getLogger(AdminServer.class.getName());
    private final HttpServer server;
    private final ExecutorService thread;
    private final Path portFile;

    private AdminServer(HttpServer server, ExecutorService thread, Path portFile) {
        this.server = server;
        this.thread = thread;
        this.portFile = portFile;
    }

    /**
     * Listens on 127.0.0.1:{@code port} (0: any free port) and, when {@code workDir} is given, writes
     * the port there. {@code evacuate} must return quickly: it only starts the evacuation.
     */
    public static AdminServer start(int port, Path workDir, Runnable evacuate) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> handle(exchange, evacuate));
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "admin-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(thread);
        server.start();
        Path file = null;
        if (workDir != null) {
            file = workDir.resolve(PORT_FILE);
            Files.writeString(file, server.getAddress().getPort() + "\n");
        }
        AdminServer admin = new AdminServer(server, thread, file);
        LOG.info(() -> "admin endpoint on 127.0.0.1:" + admin.port() + " (POST /evacuate, GET /ping)");
        return admin;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Reads the port a running agent wrote into its work dir. */
    public static int portIn(Path workDir) throws IOException {
        String text = Files.readString(workDir.resolve(PORT_FILE)).strip();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IOException("not a port in " + workDir.resolve(PORT_FILE) + ": " + text, e);
        }
    }

    /** Stops answering at once (pings then fail: the agent is going) and removes the port file. */
    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
        if (portFile != null) {
            try {
                Files.deleteIfExists(portFile);
            } catch (IOException e) {
                LOG.log(Level.FINE, "cannot remove " + portFile, e);
            }
        }
    }

    private static void handle(HttpExchange exchange, Runnable evacuate) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/ping")) {
                respond(exchange, method.equals("GET") ? 200 : 405, "");
            } else if (path.equals("/evacuate")) {
                if (!method.equals("POST")) {
                    respond(exchange, 405, "");
                    return;
                }
                LOG.info("evacuation requested on the admin endpoint");
                evacuate.run();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                respond(exchange, 202, "{\"ping_path\":\"/ping\"}");
            } else {
                respond(exchange, 404, "");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
