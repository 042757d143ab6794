package org.diego.cell.garden.runc;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One selector thread that accepts for every port forwarder in the JVM. A cell with 250 containers has
 * 250 listening host ports that almost never see a connection: a blocking accept loop each would keep
 * 250 idle threads and their stacks in the agent (issue 7's RSS budget); one thread waiting on all of
 * them costs nothing per port.
 */
final class Acceptor {
    private static final Logger LOG = Logger.getLogger(Acceptor.class.getName());
    private static Acceptor shared;

    private final Selector selector;
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();

    private Acceptor() throws IOException {
        selector = Selector.open();
        Thread thread = new Thread(this::loop, "port-acceptor");
        thread.setDaemon(true);
        thread.start();
    }

    /** The JVM's acceptor, started on first use; it lives as long as the JVM (a daemon thread). */
    static synchronized Acceptor shared() throws IOException {
        if (shared == null) {
            shared = new Acceptor();
        }
        return shared;
    }

    /**
     * Hands every connection accepted on {@code server} (made non-blocking here) to {@code onAccept}, in
     * blocking mode, on the acceptor's thread: {@code onAccept} must not block.
     */
    void register(ServerSocketChannel server, Consumer<SocketChannel> onAccept) throws IOException {
        server.configureBlocking(false);
        pending.add(() -> {
            try {
                server.register(selector, SelectionKey.OP_ACCEPT, onAccept);
            } catch (ClosedChannelException e) {
                // closed before the acceptor got to it: nothing to listen on
            }
        });
        selector.wakeup();
    }

    /**
     * Stops accepting on {@code server} and closes it, its port free when this returns: a socket registered
     * with a selector is only really closed once the selector has dropped its key, so the acceptor's thread
     * cancels the key, lets a select pass drop it, then closes.
     */
    void close(ServerSocketChannel server) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.add(() -> {
            SelectionKey key = server.keyFor(selector);
            if (key != null) {
                key.cancel();
                try {
                    selector.selectNow();
                } catch (IOException e) {
                    // the close below still happens; at worst the port frees on the next pass
                }
            }
            closeQuietly(server);
            done.complete(null);
        });
        selector.wakeup();
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(server);
        } catch (ExecutionException | TimeoutException e) {
            closeQuietly(server);
        }
    }

    private static void closeQuietly(ServerSocketChannel server) {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @SuppressWarnings("unchecked")
    private void loop() {
        while (true) {
            try {
                selector.select();
                for (Runnable r; (r = pending.poll()) != null; ) {
                    r.run();
                }
                // A close's selectNow may have taken ready keys: they are still in selectedKeys, handled here.
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid() && key.isAcceptable()) {
                        accept((ServerSocketChannel) key.channel(), (Consumer<SocketChannel>) key.attachment());
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                // One bad key must not stop forwarding for every container.
                LOG.log(Level.WARNING, "port acceptor: " + e.getMessage(), e);
            }
        }
    }

    private static void accept(ServerSocketChannel server, Consumer<SocketChannel> onAccept) {
        try {
            SocketChannel client;
            while ((client = server.accept()) != null) {
                client.configureBlocking(true);
                onAccept.accept(client);
            }
        } catch (IOException e) {
            // closed while accepting (the container is going), or a connection reset before accept
            LOG.fine(() -> "port acceptor: " + e.getMessage());
        }
    }
}
