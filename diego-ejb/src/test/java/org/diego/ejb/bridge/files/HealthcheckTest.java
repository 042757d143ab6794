package org.diego.ejb.bridge.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-container health check against real sockets on the host. */
class HealthcheckTest {
    @TempDir
    Path dir;

    private int check(String... args) throws Exception {
        Path script = ScriptRunner.unpack("buildpack_app_lifecycle", dir.resolve("lc")).resolve("healthcheck");
        return ScriptRunner.sh(dir, script, args).exit();
    }

    @Test
    void portCheck() throws Exception {
        ScriptRunner.assumeTools("nc", "tar", "gzip");
        try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertEquals(0, check("-port=" + open.getLocalPort(), "-timeout=1s"));
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertEquals(1, check("-port=" + closed, "-timeout=500ms"));
    }

    @Test
    void httpCheck() throws Exception {
        ScriptRunner.assumeTools("wget", "tar", "gzip");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", x -> { x.sendResponseHeaders(200, -1); x.close(); });
        server.createContext("/bad", x -> { x.sendResponseHeaders(500, -1); x.close(); });
        server.start();
        try {
            int port = server.getAddress().getPort();
            assertEquals(0, check("-port=" + port, "-uri=/ok", "-timeout=2s"));
            assertEquals(1, check("-port=" + port, "-uri=/bad", "-timeout=2s"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void unknownFlagIsAUsageError() throws Exception {
        ScriptRunner.assumeTools("tar", "gzip");
        assertEquals(2, check("-bogus=1"));
    }
}
