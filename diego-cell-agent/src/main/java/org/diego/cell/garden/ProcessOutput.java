package org.diego.cell.garden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Where a process with streams of its own writes: two files the backend made before starting it. Reading
 * follows the files until the process exits, so a client that attaches late still gets everything from
 * the start (guardian keeps the output for attaches in the same spirit, through its fifos).
 */
public record ProcessOutput(Path stdoutFile, Path stderrFile) {
    /** No streams of its own: the output went to the container's logs or nowhere. */
    public static final ProcessOutput NONE = new ProcessOutput(null, null);

    /** Creates both files (empty) in {@code dir} for process {@code n}. */
    static ProcessOutput create(Path dir, long n) throws IOException {
        Files.createDirectories(dir);
        Path out = dir.resolve(n + ".stdout");
        Path err = dir.resolve(n + ".stderr");
        Files.write(out, new byte[0]);
        Files.write(err, new byte[0]);
        return new ProcessOutput(out, err);
    }

    InputStream stdout(CompletableFuture<?> exited) {
        return open(stdoutFile, exited);
    }

    InputStream stderr(CompletableFuture<?> exited) {
        return open(stderrFile, exited);
    }

    /** Removes the files; a reader that has them open keeps reading. */
    void delete() {
        for (Path p : new Path[] {stdoutFile, stderrFile}) {
            if (p != null) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // goes with the container's directory
                }
            }
        }
    }

    private static InputStream open(Path file, CompletableFuture<?> exited) {
        if (file == null) {
            return InputStream.nullInputStream();
        }
        try {
            return new FollowingInputStream(Files.newInputStream(file), exited);
        } catch (IOException e) {
            throw new UncheckedIOException("the process's output " + file + " is gone", e);
        }
    }
}
