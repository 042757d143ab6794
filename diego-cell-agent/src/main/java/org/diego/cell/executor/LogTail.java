package org.diego.cell.executor;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.diego.cell.garden.ContainerInfo;
import org.diego.cell.garden.ProcessBackend;

/**
 * The end of a crashed container's stderr, for the agent log: the container directory is deleted right
 * after the crash is reported, and without a log pipeline this is the only trace an operator gets.
 */
final class LogTail {
    private static final int MAX_BYTES = 1024;

    private LogTail() {
    }

    static String describe(ContainerInfo info) {
        if (info == null) {
            return "";
        }
        String tail = tail(info.path().resolve(ProcessBackend.STDERR_LOG));
        return tail.isBlank() ? "" : "; stderr ends with: " + tail.strip().replace('\n', '|');
    }

    private static String tail(Path file) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(0, in.length() - MAX_BYTES);
            byte[] bytes = new byte[(int) (in.length() - from)];
            in.seek(from);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
