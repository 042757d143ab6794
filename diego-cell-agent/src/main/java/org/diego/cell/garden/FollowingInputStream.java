package org.diego.cell.garden;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a file that a process is still writing, like {@code tail -f}: at its end it waits for more
 * until the writer is done, then returns what was written last and ends.
 */
final class FollowingInputStream extends InputStream {
    private static final long POLL_MS = 20;
    private final InputStream in;
    private final CompletableFuture<?> writerDone;

    FollowingInputStream(InputStream in, CompletableFuture<?> writerDone) {
        this.in = in;
        this.writerDone = writerDone;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            boolean done = writerDone.isDone(); // before reading: what was written before it finished is read
            int n = in.read(b, off, len);
            if (n > 0 || done) {
                return n;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while following a process's output");
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
