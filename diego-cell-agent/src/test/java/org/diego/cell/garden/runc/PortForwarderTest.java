package org.diego.cell.garden.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import org.diego.cell.garden.HostPortAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PortForwarderTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HostPortAllocator ports = new HostPortAllocator();
    private ServerSocket upstream;

    @AfterEach
    void stop() throws IOException {
        if (upstream != null) {
            upstream.close();
        }
        threads.shutdownNow();
    }

    /** Reads a whole request (until the client half-closes), answers it upper-cased and closes. */
    private InetSocketAddress shoutingServer() throws IOException {
        upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(() -> {
            while (!upstream.isClosed()) {
                try (Socket s = upstream.accept()) {
                    String request = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    s.getOutputStream().write(request.toUpperCase().getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), upstream.getLocalPort());
    }

    private static String exchange(int port, String request) throws IOException {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client.setSoTimeout(5000);
            client.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            client.shutdownOutput();
            return new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void relaysBothWaysAndPassesOnAHalfClose() throws Exception {
        try (PortForwarder forwarder = PortForwarder.start(ports.allocate(), shoutingServer(), threads)) {
            assertEquals("HELLO", exchange(forwarder.port(), "hello"));
            assertEquals("AGAIN", exchange(forwarder.port(), "again"), "one forwarder, many connections");
            byte[] big = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
            assertEquals((1 << 20), exchange(forwarder.port(), new String(big, StandardCharsets.UTF_8)).length());
        }
    }

    @Test
    void aTargetThatDoesNotListenClosesTheClientsConnection() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (PortForwarder forwarder = PortForwarder.start(ports.allocate(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort), threads);
             Socket client = new Socket(InetAddress.getLoopbackAddress(), forwarder.port())) {
            client.setSoTimeout(5000);
            InputStream in = client.getInputStream();
            try {
                assertEquals(-1, in.read(), "closed without data");
            } catch (IOException reset) {
                // a reset is as good as a close here
            }
        }
    }

    @Test
    void closeStopsListeningAndCutsOpenConnections() throws Exception {
        PortForwarder forwarder = PortForwarder.start(ports.allocate(), shoutingServer(), threads);
        Socket open = new Socket(InetAddress.getLoopbackAddress(), forwarder.port());
        open.setSoTimeout(5000);
        open.getOutputStream().write("pending".getBytes(StandardCharsets.UTF_8));
        Thread.sleep(100); // let the relay connect upstream

        forwarder.close();

        int read;
        try {
            read = open.getInputStream().read();
        } catch (IOException reset) {
            read = -1;
        }
        assertEquals(-1, read, "the relayed connection is gone");
        open.close();
        // close returns with the port free (the shared acceptor has dropped it), so it can be bound at once.
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), forwarder.port()).close());
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(forwarder.port()));
        }
        assertTrue(forwarder.target().getPort() > 0);
    }

    @Test
    void idleForwardersHoldNoThreads() throws Exception {
        InetSocketAddress target = shoutingServer();
        List<PortForwarder> forwarders = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                forwarders.add(PortForwarder.start(ports.allocate(), target, threads));
            }
            assertEquals(1, ((ThreadPoolExecutor) threads).getActiveCount(), "only the upstream server's thread");
            assertEquals("LAST", exchange(forwarders.get(49).port(), "last"));
        } finally {
            forwarders.forEach(PortForwarder::close);
        }
    }
}
