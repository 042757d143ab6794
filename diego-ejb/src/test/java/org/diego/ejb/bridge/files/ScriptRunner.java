package org.diego.ejb.bridge.files;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the lifecycle scripts with the host's /bin/sh; tests skip when a tool they need is missing. */
final class ScriptRunner {
    record Result(int exit, String stdout, String stderr) {
    }

    private ScriptRunner() {
    }

    static void assumeTools(String... tools) {
        for (String tool : tools) {
            assumeTrue(onPath(tool), tool + " is not installed on this host");
        }
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Unpacks a lifecycle bundle with the host's tar, as the cell's download action would. */
    static Path unpack(String lifecycle, Path into) throws Exception {
        Files.createDirectories(into);
        Path tgz = into.resolve("bundle.tgz");
        Files.write(tgz, LifecycleBundles.find(lifecycle + "/" + lifecycle + ".tgz").orElseThrow().bytes());
        Result r = run(into, List.of("tar", "-xzf", tgz.toString()));
        if (r.exit() != 0) {
            throw new IllegalStateException("tar failed: " + r.stderr());
        }
        return into;
    }

    static Result sh(Path dir, Path script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", script.toString()));
        cmd.addAll(List.of(args));
        return run(dir, cmd);
    }

    static Result run(Path dir, List<String> command) throws Exception {
        Path out = Files.createTempFile("script", ".out");
        Path err = Files.createTempFile("script", ".err");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Writes an executable script. */
    static void script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        if (!file.toFile().setExecutable(true)) {
            throw new IOException("cannot chmod " + file);
        }
    }
}
