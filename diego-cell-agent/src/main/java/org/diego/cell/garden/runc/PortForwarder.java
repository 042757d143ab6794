package org.diego.cell.garden.runc;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Forwards TCP connections from a host port to a container's ip:port: Garden's NetIn, done in the agent
 * instead of with iptables DNAT. A user-space relay works for connections from the host itself
 * (127.0.0.1, where DNAT needs route_localnet and OUTPUT rules), needs no iptables flavour on the host,
 * and disappears with the agent instead of leaving rules behind. The price: two threads and a copy per
 * connection, and the application sees connections coming from its gateway, not from the client.
 */
public final class PortForwarder implements Closeable {
    private static final Logger LOG = Logger.getLogger(PortForwarder.class.getName());
    static final int CONNECT_TIMEOUT_MS = 5000;
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private PortForwarder(ServerSocket server, InetSocketAddress target, ExecutorService threads) {
        this.server = server;
        this.target = target;
        this.threads = threads;
    }

    /**
     * Listens on {@code hostPort} on every host address and relays each connection to {@code target}
     * until closed. {@code threads} must be unbounded (one accept loop plus two threads per connection).
     */
    public static PortForwarder start(int hostPort, InetSocketAddress target, ExecutorService threads)
            throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(hostPort));
        } catch (IOException e) {
            server.close();
            throw e;
        }
        PortForwarder forwarder = new PortForwarder(server, target, threads);
        threads.execute(forwarder::acceptLoop);
        return forwarder;
    }

    public int port() {
        return server.getLocalPort();
    }

    public InetSocketAddress target() {
        return target;
    }

    /** Stops listening and cuts every relayed connection. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        open.forEach(PortForwarder::closeQuietly);
        open.clear();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "port " + port() + ": accept failed; forwarding stops", e);
                }
                return;
            }
            open.add(client);
            threads.execute(() -> relay(client));
        }
    }

    /** Connects to the container and copies both ways; a half-close is passed on, as a real NAT would. */
    private void relay(Socket client) {
        Socket upstream = new Socket();
        open.add(upstream);
        try {
            upstream.connect(target, CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            // Nothing listens yet (the app is starting): the client sees the connection closed, as with a refusal.
            LOG.fine(() -> "port " + port() + ": cannot reach " + target + ": " + e.getMessage());
            closeQuietly(client);
            closeQuietly(upstream);
            forget(client, upstream);
            return;
        }
        AtomicInteger directions = new AtomicInteger(2);
        threads.execute(() -> pump(upstream, client, directions, client, upstream));
        pump(client, upstream, directions, client, upstream);
    }

    private void pump(Socket from, Socket to, AtomicInteger directions, Socket client, Socket upstream) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // reset, or closed by the other direction or by close(): tear the pair down
            closeQuietly(client);
            closeQuietly(upstream);
        } finally {
            if (directions.decrementAndGet() == 0) {
                closeQuietly(client);
                closeQuietly(upstream);
                forget(client, upstream);
            }
        }
    }

    private void forget(Socket client, Socket upstream) {
        open.remove(client);
        open.remove(upstream);
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
