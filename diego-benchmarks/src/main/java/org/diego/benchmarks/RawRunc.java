package org.diego.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.diego.cell.garden.runc.HostCommand;

/**
 * The baseline: {@code runc run -d} of a bundle made by {@code runc spec} (default namespaces, a new
 * empty network namespace, no limits) whose rootfs is the same busybox directory, read-only, and whose
 * process is {@code sleep} itself. Timed from spawning runc to its return, i.e. until the process runs.
 */
final class RawRunc implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path bundle;
    private final Path state;
    private final Path rootfs;

    RawRunc(Path workDir, Path rootfs) throws IOException {
        this.rootfs = rootfs.toAbsolutePath().normalize();
        Path raw = workDir.resolve("raw");
        bundle = Files.createDirectories(raw.resolve("bundle"));
        state = raw.resolve("state");
        close(); // an interrupted earlier run's containers
        Files.deleteIfExists(bundle.resolve("config.json"));
        HostCommand.check(List.of("runc", "spec", "--bundle", bundle.toString()));
    }

    /** Starts container {@code id} and returns how long runc took; its cgroups go under the bench parent. */
    long run(String id) throws IOException, InterruptedException {
        ObjectNode config = (ObjectNode) JSON.readTree(bundle.resolve("config.json").toFile());
        ObjectNode process = (ObjectNode) config.get("process");
        process.put("terminal", false);
        process.putArray("args").add("sleep").add("3600");
        ObjectNode root = (ObjectNode) config.get("root");
        root.put("path", rootfs.toString());
        root.put("readonly", true);
        config.put("hostname", id);
        ((ObjectNode) config.get("linux")).put("cgroupsPath", "/" + BenchCell.CGROUP_PARENT + "/" + id);
        JSON.writeValue(bundle.resolve("config.json").toFile(), config);

        return timed("run", id, bundle.resolve("init.log").toFile(), "run", "-d", "--bundle", bundle.toString(), id);
    }

    /**
     * For reference: how long {@code runc exec -d} of a second {@code sleep} in running container {@code id}
     * takes (until it runs), i.e. what the cell's design adds per container: its process is exec'd into a
     * container whose init is a pause process.
     */
    long exec(String id) throws IOException, InterruptedException {
        return timed("exec", id, bundle.resolve("exec.log").toFile(), "exec", "-d", id, "sleep", "3600");
    }

    /** Runs {@code runc --root <state> args...} to completion and returns how long it took, in nanoseconds. */
    private long timed(String what, String id, File log, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("runc", "--root", state.toString()));
        command.addAll(List.of(args));
        long started = System.nanoTime();
        Process runc = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                .redirectError(ProcessBuilder.Redirect.appendTo(log))
                .start();
        if (!runc.waitFor(30, TimeUnit.SECONDS)) {
            runc.destroyForcibly();
            throw new IOException("runc " + what + " " + id + " hung");
        }
        long took = System.nanoTime() - started;
        if (runc.exitValue() != 0) {
            throw new IOException("runc " + what + " " + id + " failed: " + Files.readString(log.toPath()));
        }
        return took;
    }

    void delete(String id) throws IOException {
        HostCommand.check(List.of("runc", "--root", state.toString(), "delete", "--force", id));
    }

    /** Deletes every container in our runc state root. */
    @Override
    public void close() throws IOException {
        if (!Files.isDirectory(state)) {
            return;
        }
        try (Stream<Path> ids = Files.list(state)) {
            for (Path id : ids.filter(Files::isDirectory).toList()) {
                HostCommand.run(List.of("runc", "--root", state.toString(), "delete", "--force",
                        id.getFileName().toString()));
            }
        }
        try (Stream<Path> left = Files.walk(state)) {
            left.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
