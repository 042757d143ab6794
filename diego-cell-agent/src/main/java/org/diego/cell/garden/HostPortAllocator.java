package org.diego.cell.garden;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands out free host ports. The kernel picks them (bind to port 0) rather than a fixed range as Garden
 * does, because several cell agents may share one host in tests: a sequential scan of one range would
 * make them pick the same port before either application has bound it.
 */
public final class HostPortAllocator {
    private static final int ATTEMPTS = 50;
    private final Set<Integer> handedOut = new HashSet<>();

    public synchronized int allocate() throws IOException {
        for (int i = 0; i < ATTEMPTS; i++) {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            // A port we gave out may still be free because its process has not bound it yet.
            if (handedOut.add(port)) {
                return port;
            }
        }
        throw new IOException("no free host port after " + ATTEMPTS + " attempts");
    }

    public synchronized void release(int port) {
        handedOut.remove(port);
    }

    public synchronized int inUse() {
        return handedOut.size();
    }
}
