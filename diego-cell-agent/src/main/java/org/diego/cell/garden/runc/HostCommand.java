package org.diego.cell.garden.runc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short-lived host tool (runc, ip, mount) and collects its output. Only for commands that exit
 * and close their output: a command that leaves a daemon holding stdout (such as {@code runc run -d})
 * must redirect to a file instead, or reading would never end.
 */
public final class HostCommand {
    /** Long enough for a loaded host; a hung tool must not block the executor forever. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private HostCommand() {
    }

    /** Exit status and combined stdout/stderr. */
    public record Result(int status, String output) {
        public boolean ok() {
            return status == 0;
        }
    }

    public static Result run(List<String> command) throws IOException {
        return run(command, null);
    }

    /** Runs {@code command}, feeding {@code input} (may be null) on stdin. */
    public static Result run(List<String> command, String input) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        // Read on another thread so that a hung tool is caught by the timeout rather than blocking the read.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream stdout = process.getInputStream()) {
                stdout.transferTo(out);
            } catch (IOException e) {
                // the process was killed; what was read so far is enough for a message
            }
        }, "host-command-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + TIMEOUT.toSeconds()
                        + " s");
            }
            reader.join(TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
        String output = out.toString(StandardCharsets.UTF_8).strip();
        return new Result(process.exitValue(), output);
    }

    /** Like {@link #run(List, String)} but a non-zero exit is an IOException carrying the tool's output. */
    public static String check(List<String> command, String input) throws IOException {
        Result result = run(command, input);
        if (!result.ok()) {
            throw new IOException(String.join(" ", command) + " failed with status " + result.status() + ": "
                    + result.output());
        }
        return result.output();
    }

    public static String check(List<String> command) throws IOException {
        return check(command, null);
    }
}
