package org.diego.cell.garden.runc;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Forwards TCP connections from a host port to a container's ip:port: Garden's NetIn, done in the agent
 * instead of with iptables DNAT. A user-space relay works for connections from the host itself
 * (127.0.0.1, where DNAT needs route_localnet and OUTPUT rules), needs no iptables flavour on the host,
 * and disappears with the agent instead of leaving rules behind. The price: two threads and a copy per
 * connection, and the application sees connections coming from its gateway, not from the client. Idle
 * ports cost no thread: one {@link Acceptor} waits on all of them.
 */
public final class PortForwarder implements Closeable {
    private static final Logger LOG = Logger.getLogger(PortForwarder.class.getName());
    static final int CONNECT_TIMEOUT_MS = 5000;
    private final ServerSocketChannel server;
    private final InetSocketAddress target;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private PortForwarder(ServerSocketChannel server, InetSocketAddress target, ExecutorService threads) {
        this.server = server;
        this.target = target;
        this.threads = threads;
    }

    /**
     * Listens on {@code hostPort} on every host address and relays each connection to {@code target}
     * until closed. {@code threads} must be unbounded (two threads per open connection).
     */
    public static PortForwarder start(int hostPort, InetSocketAddress target, ExecutorService threads)
            throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        PortForwarder forwarder = new PortForwarder(server, target, threads);
        try {
            server.socket().setReuseAddress(true);
            server.bind(new InetSocketAddress(hostPort));
            Acceptor.shared().register(server, forwarder::accepted);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return forwarder;
    }

    public int port() {
        return server.socket().getLocalPort();
    }

    public InetSocketAddress target() {
        return target;
    }

    /** Stops listening and cuts every relayed connection. */
    @Override
    public void close() {
        closed = true;
        try {
            Acceptor.shared().close(server);
        } catch (IOException e) {
            closeQuietly(server); // no acceptor could start: the channel was never registered
        }
        open.forEach(PortForwarder::closeQuietly);
        open.clear();
    }

    /** On the acceptor's thread: must not block. */
    private void accepted(SocketChannel channel) {
        Socket client = channel.socket();
        if (closed) {
            closeQuietly(client);
            return;
        }
        open.add(client);
        try {
            threads.execute(() -> relay(client));
        } catch (RejectedExecutionException e) {
            closeQuietly(client); // the backend is closing
            open.remove(client);
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
