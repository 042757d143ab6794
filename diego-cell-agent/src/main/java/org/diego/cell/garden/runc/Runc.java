package org.diego.cell.garden.runc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.diego.cell.garden.PhaseTimer;

/**
 * The runc command line, with a state root of our own ({@code --root}) so that runc's list of
 * containers is exactly this agent's, and a log file per bundle for runc's own errors.
 */
public final class Runc implements AutoCloseable {
    static final String LOG = "runc.log";
    static final String INIT_LOG = "init.log";
    /** runc exec takes tens of ms; a coarser poll would add half its period to every start on average. */
    private static final long START_POLL_MS = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The shim a process runs under (host {@code sh}): a background subshell runs {@code runc exec} in the
     * foreground (optionally with the log files as fds 3 and 4, see {@link #exec}), then renames its exit
     * status into {@code $DIEGO_EXIT}; the shell the agent starts records the subshell's pid in
     * {@code $DIEGO_EXIT.shim} and exits at once, so the agent holds no child per process.
     */
    private static final String SHIM = "( \"$@\"%s; echo $? > \"$DIEGO_EXIT.tmp\"; mv -f \"$DIEGO_EXIT.tmp\" "
            + "\"$DIEGO_EXIT\" ) & echo $! > \"$DIEGO_EXIT.shim\"";
    private static final String LOG_FDS = " 3>>\"$DIEGO_STDOUT\" 4>>\"$DIEGO_STDERR\"";
    private final String binary;
    private final Path root;
    private final ExitWatcher exits;
    private volatile PhaseTimer timer = PhaseTimer.NONE;

    /** Exit files of processes go to {@code exits} (a directory of this agent's). */
    public Runc(String binary, Path root, Path exits) {
        this.binary = binary;
        this.root = root.toAbsolutePath().normalize();
        this.exits = new ExitWatcher(exits);
    }

    public Path root() {
        return root;
    }

    /** Where exec's spawn and wait-for-the-process durations go (none by default). */
    public void timePhases(PhaseTimer timer) {
        this.timer = timer == null ? PhaseTimer.NONE : timer;
    }

    /**
     * Creates and starts the container's init, detached, its host pid in {@link Bundle#initPidFile()}. Its
     * stdio goes to a file: a pipe would be held open by the init for the container's lifetime.
     */
    public void run(String id, Bundle bundle) throws IOException {
        Files.createDirectories(root);
        File initLog = bundle.dir().resolve(INIT_LOG).toFile();
        Process process = new ProcessBuilder(command(bundle.dir(), "run", "-d", "--pid-file",
                bundle.initPidFile().toString(), "--bundle", bundle.dir().toString(), id))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(initLog))
                .redirectError(ProcessBuilder.Redirect.appendTo(initLog))
                .start();
        int status = waitFor(process);
        if (status != 0) {
            throw new IOException("runc run " + id + " failed with status " + status + ": " + lastError(bundle.dir()));
        }
    }

    /** A process runc has started: its host pid, and its exit status (runc exec's) to come. */
    public record Started(long pid, CompletableFuture<Integer> exit) {
    }

    /**
     * Runs {@code runc exec} in the foreground of a shim (see {@link #SHIM}) and returns once the process
     * runs: runc exits with the process's status (128 + signal when killed), which the shim writes to a
     * file the {@link ExitWatcher} turns into {@link Started#exit()}. Like guardian's dadoo, the shim
     * keeps the agent from holding a child (and a JDK reaper thread) per process. A process that cannot
     * start (bad user, dir, runc error) is an IOException with runc's message.
     *
     * <p>In the foreground runc relays the process's stdout and stderr through pipes and exits only once
     * every holder of those pipes is gone, so a background child of the process would delay the exit
     * status until it ends. With {@code logFds} the log files are instead handed to the process as fds 3
     * and 4 ({@code --preserve-fds}) for a wrapper in the container to move onto 1 and 2; the pipes are
     * then closed as soon as the process starts. The shim opens those fds, which Java cannot pass to a
     * child.
     */
    public Started exec(String id, Bundle bundle, Path processJson, Path pidFile, boolean logFds) throws IOException {
        return exec(id, id, bundle, processJson, pidFile, logFds, bundle.stdout(), bundle.stderr());
    }

    /**
     * As {@link #exec(String, Bundle, Path, Path, boolean)}, with the process's output going to
     * {@code stdout} and {@code stderr} instead of the bundle's logs (e.g. {@code /dev/null} to drop it), and
     * its phases timed under {@code handle} (a warm container's runc id is not its handle).
     */
    public Started exec(String id, String handle, Bundle bundle, Path processJson, Path pidFile, boolean logFds,
                        Path stdout, Path stderr) throws IOException {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", SHIM.formatted(logFds ? LOG_FDS : ""),
                "runc-exec"));
        command.addAll(command(bundle.dir(), "exec", "--process", processJson.toString(), "--pid-file",
                pidFile.toString()));
        if (logFds) {
            command.addAll(List.of("--preserve-fds", "2"));
        }
        command.add(id);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
        String exitName = id + "." + pidFile.getFileName() + ".exit";
        Path exitFile = exits.dir().resolve(exitName);
        builder.environment().put("DIEGO_STDOUT", stdout.toString());
        builder.environment().put("DIEGO_STDERR", stderr.toString());
        builder.environment().put("DIEGO_EXIT", exitFile.toString());
        PhaseTimer timer = this.timer;
        long t = System.nanoTime();
        CompletableFuture<Integer> exit = exits.expect(exitName);
        try {
            builder.start();
        } catch (IOException e) {
            exits.forget(exitName);
            throw e;
        }
        t = timer.lap(handle, "run.exec-spawn", t);
        try {
            long pid = awaitPid(exit, pidFile, bundle.dir(), shimFile(exitFile));
            timer.lap(handle, "run.exec-until-started", t);
            return new Started(pid, exit);
        } finally {
            Files.deleteIfExists(shimFile(exitFile));
        }
    }

    private static Path shimFile(Path exitFile) {
        return exitFile.resolveSibling(exitFile.getFileName() + ".shim");
    }

    /** runc writes the pid file once the process runs; if runc exits first, the process never started. */
    private static long awaitPid(CompletableFuture<Integer> exit, Path pidFile, Path bundle, Path shim)
            throws IOException {
        long deadline = System.nanoTime() + HostCommand.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String pid = Files.exists(pidFile) ? Files.readString(pidFile).strip() : "";
            if (!pid.isEmpty()) {
                return Long.parseLong(pid);
            }
            if (exit.isDone()) {
                // It may have written the pid file and exited in between (a process that ends at once).
                pid = Files.exists(pidFile) ? Files.readString(pidFile).strip() : "";
                if (!pid.isEmpty()) {
                    return Long.parseLong(pid);
                }
                throw new IOException("runc exec failed with status " + exit.handle((s, e) -> s).join() + ": "
                        + lastError(bundle));
            }
            try {
                Thread.sleep(START_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                killShimmed(shim);
                throw new IOException("interrupted while starting a process", e);
            }
        }
        killShimmed(shim);
        throw new IOException("runc exec did not start the process within " + HostCommand.TIMEOUT.toSeconds() + " s");
    }

    /** Kills the runc exec of a start given up (the shim then reports it and exits). */
    private static void killShimmed(Path shim) {
        try {
            String pid = Files.exists(shim) ? Files.readString(shim).strip() : "";
            if (!pid.isEmpty()) {
                ProcessHandle.of(Long.parseLong(pid))
                        .ifPresent(p -> p.children().forEach(ProcessHandle::destroyForcibly));
            }
        } catch (IOException | NumberFormatException e) {
            // nothing to kill that we can find
        }
    }

    /** Stops watching for exits (the agent stops). */
    @Override
    public void close() {
        exits.close();
    }

    /** The host pid of the container's init, if runc knows the container and it is running. */
    public OptionalLong initPid(String id) throws IOException {
        HostCommand.Result state = HostCommand.run(command(null, "state", id));
        if (!state.ok()) {
            return OptionalLong.empty();
        }
        JsonNode json = JSON.readTree(state.output());
        long pid = json.path("pid").asLong(0);
        return pid > 0 && "running".equals(json.path("status").asText()) ? OptionalLong.of(pid) : OptionalLong.empty();
    }

    /** Host pids of every process in the container's cgroup, the init included. */
    public List<Long> pids(String id) throws IOException {
        HostCommand.Result ps = HostCommand.run(command(null, "ps", "--format", "json", id));
        List<Long> pids = new ArrayList<>();
        if (ps.ok()) {
            JSON.readTree(ps.output()).forEach(n -> pids.add(n.asLong()));
        }
        return pids;
    }

    /**
     * Signals every process of the container but its init, as guardian's Stop does: SIGKILL with
     * {@code kill}, else SIGTERM. Returns whether any process was signalled.
     */
    public boolean signalAllButInit(String id, boolean kill) throws IOException {
        OptionalLong init = initPid(id);
        boolean any = false;
        for (long pid : pids(id)) {
            if (init.isPresent() && pid == init.getAsLong()) {
                continue;
            }
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isPresent()) {
                any |= kill ? process.get().destroyForcibly() : process.get().destroy();
            }
        }
        return any;
    }

    /** Kills whatever runs and removes runc's state and the container's cgroups. */
    public void delete(String id) throws IOException {
        if (!exists(id)) {
            return;
        }
        HostCommand.Result result = HostCommand.run(command(null, "delete", "--force", id));
        if (!result.ok() && exists(id)) {
            throw new IOException("runc delete " + id + " failed: " + result.output());
        }
    }

    public boolean exists(String id) {
        return Files.isDirectory(root.resolve(id));
    }

    /** Ids of the containers in our state root, including those of an earlier agent. */
    public List<String> list() throws IOException {
        List<String> ids = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
                dirs.forEach(d -> ids.add(d.getFileName().toString()));
            }
        }
        return ids;
    }

    /** The last line runc logged for this bundle, for error messages. */
    public static String lastError(Path bundle) {
        for (String file : List.of(LOG, INIT_LOG)) {
            try {
                List<String> lines = Files.readAllLines(bundle.resolve(file));
                for (int i = lines.size() - 1; i >= 0; i--) {
                    if (!lines.get(i).isBlank()) {
                        return lines.get(i).strip();
                    }
                }
            } catch (IOException e) {
                // try the next one
            }
        }
        return "(runc logged nothing)";
    }

    private List<String> command(Path bundle, String... args) {
        List<String> command = new ArrayList<>(List.of(binary, "--root", root.toString()));
        if (bundle != null) {
            command.add("--log");
            command.add(bundle.resolve(LOG).toString());
        }
        command.addAll(List.of(args));
        return command;
    }

    private static int waitFor(Process process) throws IOException {
        try {
            if (!process.waitFor(HostCommand.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("runc did not finish within " + HostCommand.TIMEOUT.toSeconds() + " s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for runc", e);
        }
    }
}
