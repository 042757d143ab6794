package org.diego.cell.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.diego.cell.garden.ProcessBackend;
import org.diego.core.logs.LineSplitter;
import org.diego.core.logs.LogMessageType;

/**
 * Follows a container's {@code stdout.log} and {@code stderr.log}, which both backends append every
 * process's output to, and forwards new complete lines. Processes write to files, not to pipes the
 * agent must drain, so a slow or stopped forwarder never blocks an app; the cost is that output is read
 * by polling. At most {@code maxBytesPerPoll} bytes of each file are read per poll, so one chatty app
 * cannot hold up the others; the rest waits in the file for the next poll.
 */
final class OutputTailer {
    private final ContainerLogStream stream;
    private final File out;
    private final File err;
    private final int maxBytesPerPoll;

    /** One followed file and where reading stopped. */
    private static final class File {
        final Path path;
        final LogMessageType type;
        final LineSplitter lines;
        long offset;

        File(Path path, LogMessageType type, int maxLineBytes) {
            this.path = path;
            this.type = type;
            this.lines = new LineSplitter(maxLineBytes);
        }
    }

    OutputTailer(Path containerDir, ContainerLogStream stream, int maxLineBytes, int maxBytesPerPoll) {
        this.stream = stream;
        this.maxBytesPerPoll = maxBytesPerPoll;
        this.out = new File(containerDir.resolve(ProcessBackend.STDOUT_LOG), LogMessageType.OUT, maxLineBytes);
        this.err = new File(containerDir.resolve(ProcessBackend.STDERR_LOG), LogMessageType.ERR, maxLineBytes);
    }

    /** Forwards the lines completed since the last poll; returns whether anything was read. */
    synchronized boolean poll() {
        boolean outRead = read(out);
        boolean errRead = read(err);
        return outRead || errRead;
    }

    /** Reads what is left (a bounded number of rounds) and forwards partial last lines too. */
    synchronized void close() {
        for (int round = 0; round < 16 && poll(); round++) {
            // drain
        }
        emit(err, err.lines.flush());
        emit(out, out.lines.flush());
    }

    private boolean read(File file) {
        try (FileChannel channel = FileChannel.open(file.path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < file.offset) {
                file.offset = 0; // truncated: start again
            }
            if (size == file.offset) {
                return false;
            }
            // Allocated per read, not kept: hundreds of idle containers must not each hold a buffer.
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - file.offset, maxBytesPerPoll));
            int n = channel.read(buffer, file.offset);
            if (n <= 0) {
                return false;
            }
            file.offset += n;
            emit(file, file.lines.feed(buffer.array(), 0, n));
            return true;
        } catch (NoSuchFileException e) {
            return false; // nothing written yet, or the container is gone
        } catch (IOException e) {
            return false;
        }
    }

    private void emit(File file, List<String> lines) {
        for (String line : lines) {
            stream.emitOutput(file.type, line);
        }
    }
}
