package org.diego.cell.garden;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.diego.cell.archive.TarExtractor;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.PortMapping;

/**
 * The process backend, like Garden's houdini: container {@code h} is the directory
 * {@code <root>/h}, its processes run on the host in that directory with stdout and stderr appended to
 * {@code stdout.log} and {@code stderr.log} there. There is no rootfs, no user switching and no limits.
 *
 * <p>There is no network namespace either, so an application must listen on its host port: the
 * mapping reported for a declared container port keeps that port number (routes are keyed by it, as in
 * Diego), while {@code PORT} is set to the host port of the first mapping.
 *
 * <p>Without cgroups nothing records why a process died, so a container never has events (no "out of
 * memory"): a process the host's OOM killer ends is reported as a plain exit 137.
 */
public final class ProcessBackend extends BookkeepingBackend {
    /** Environment entry carried by every process of a container, so orphans can be found (see ProcessTree). */
    public static final String HANDLE_ENV = "DIEGO_CONTAINER_HANDLE";
    public static final String STDOUT_LOG = "stdout.log";
    public static final String STDERR_LOG = "stderr.log";
    private static final Logger LOG = Logger.getLogger(ProcessBackend.class.getName());
    private static final Pattern HANDLE = Pattern.compile("^[A-Za-z0-9_-]+$");
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);
    private static final Duration EXIT_POLL = Duration.ofMillis(10);
    /** Agent files inside a container directory (per-process output); hidden from the app's listing. */
    static final String AGENT_DIR = ".diego";
    /** Not a limit of the backend (ports and the host are); what {@link #capacity()} reports. */
    static final long MAX_CONTAINERS = 1024;

    private final Path root;
    private final String hostIp;
    private final HostPortAllocator ports;
    private final ScheduledExecutorService scheduler;
    private final Duration stopGrace;
    private final Map<String, Box> boxes = new ConcurrentHashMap<>();

    /** One container: its info, its inherited env and the processes started in it. */
    private record Box(ContainerInfo info, List<EnvironmentVariable> env, List<Process> processes) {
    }

    /**
     * @param stopGrace how long a non-forced stop waits between SIGTERM and SIGKILL (Garden and Diego
     *                  use 10 s)
     */
    public ProcessBackend(Path root, String hostIp, HostPortAllocator ports, ScheduledExecutorService scheduler,
                          Duration stopGrace) {
        this(root, hostIp, ports, scheduler, stopGrace, Clock.systemUTC());
    }

    /** With the clock grace times are measured on. */
    public ProcessBackend(Path root, String hostIp, HostPortAllocator ports, ScheduledExecutorService scheduler,
                          Duration stopGrace, Clock clock) {
        super(clock, scheduler);
        this.root = root.toAbsolutePath().normalize();
        this.hostIp = hostIp;
        this.ports = ports;
        this.scheduler = scheduler;
        this.stopGrace = stopGrace;
    }

    @Override
    public ContainerInfo create(ContainerSpec spec) throws BackendException {
        String handle = spec.handle();
        if (handle == null || !HANDLE.matcher(handle).matches()) {
            throw new BackendException("invalid container handle: " + handle);
        }
        Path dir = root.resolve(handle);
        if (boxes.containsKey(handle) || Files.exists(dir)) {
            throw new BackendException("container " + handle + " already exists");
        }
        List<PortMapping> mapped = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (int containerPort : spec.netIn()) {
                mapped.add(new PortMapping(containerPort, ports.allocate()));
            }
        } catch (IOException e) {
            mapped.forEach(m -> ports.release(m.hostPort()));
            deleteTree(dir);
            throw new BackendException("cannot create container " + handle + ": " + e.getMessage(), e);
        }
        // Without a network namespace the container's address is the host's.
        ContainerInfo info = new ContainerInfo(handle, dir, hostIp, hostIp, mapped);
        boxes.put(handle, new Box(info, spec.env(), new CopyOnWriteArrayList<>()));
        register(spec, info);
        return info;
    }

    @Override
    public ContainerProcess run(String handle, ProcessSpec spec) throws BackendException {
        return run(handle, spec, ProcessOptions.DEFAULT);
    }

    /**
     * Applies {@code nofile} with a {@code /bin/sh} wrapper ({@code ulimit -n}, then exec), since Java
     * cannot set a child's rlimits; a limit above the agent's hard limit is reported on the process's
     * stderr and the process runs with the inherited one.
     */
    @Override
    public ContainerProcess run(String handle, ProcessSpec spec, ProcessOptions options) throws BackendException {
        Box box = boxes.get(handle);
        if (box == null) {
            throw new BackendException("unknown container " + handle);
        }
        return track(handle, spec, (id, number) -> start(box, id, number, spec, options));
    }

    private ContainerProcess start(Box box, String id, long number, ProcessSpec spec, ProcessOptions options)
            throws BackendException {
        String handle = box.info().handle();
        Path containerDir = box.info().path();
        try {
            ProcessOutput own = options.ownStreams() && !options.discardOutput()
                    ? ProcessOutput.create(containerDir.resolve(AGENT_DIR).resolve("processes"), number)
                    : ProcessOutput.NONE;
            Path workDir = workingDir(containerDir, spec.dir());
            List<String> command = new ArrayList<>();
            if (options.nofile() > 0) {
                long n = options.nofile();
                command.addAll(List.of("/bin/sh", "-c", "ulimit -n " + n + " 2>/dev/null"
                        + " || echo \"cannot set nofile to " + n + "\" >&2; exec \"$0\" \"$@\""));
            }
            command.add(executable(spec.path(), workDir));
            command.addAll(spec.args());
            Path outFile = own.stdoutFile() != null ? own.stdoutFile() : containerDir.resolve(STDOUT_LOG);
            Path errFile = own.stderrFile() != null ? own.stderrFile() : containerDir.resolve(STDERR_LOG);
            ProcessBuilder.Redirect out = options.discardOutput() ? ProcessBuilder.Redirect.DISCARD
                    : ProcessBuilder.Redirect.appendTo(outFile.toFile());
            ProcessBuilder.Redirect err = options.discardOutput() ? ProcessBuilder.Redirect.DISCARD
                    : ProcessBuilder.Redirect.appendTo(errFile.toFile());
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out).redirectError(err)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            fillEnvironment(builder.environment(), box, spec);
            Process process = builder.start();
            box.processes().add(process);
            // Forget it once gone: health checks start a process every few seconds for the container's life.
            process.onExit().thenRun(() -> box.processes().remove(process));
            return new ContainerProcess(id, process.pid(), process.onExit().thenApply(Process::exitValue), own);
        } catch (IOException | IllegalArgumentException e) {
            throw new BackendException("failed to run " + spec.path() + " in container " + handle + ": "
                    + e.getMessage(), e);
        }
    }

    /** The process and its descendants, if it is one of this container's. */
    @Override
    public void signal(String handle, long pid, boolean kill) {
        Box box;
        try {
            box = box(handle); // a call naming the container: use, for its grace time
        } catch (BackendException e) {
            return;
        }
        box.processes().stream().filter(p -> p.pid() == pid).findFirst().ifPresent(p -> {
            List<ProcessHandle> tree = new ArrayList<>();
            p.descendants().forEach(tree::add); // before the parent dies and they re-parent
            tree.add(p.toHandle());
            ProcessTree.signal(tree, kill);
        });
    }

    /**
     * Extracts into the container directory: a relative path is inside it, and an absolute one must be
     * too, since without a rootfs it would be the host's (there is no container "/" to write to).
     */
    @Override
    public void streamIn(String handle, String path, InputStream tar) throws BackendException {
        Box box = box(handle);
        Path dir = insideContainer(box, path == null || path.isBlank() ? "." : path);
        try {
            TarExtractor.extract(tar, dir);
        } catch (IOException | RuntimeException e) {
            throw new BackendException("cannot stream into " + path + " of container " + handle + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void stop(String handle, boolean kill) {
        stopped(handle);
        Box box = boxes.get(handle);
        List<ProcessHandle> roots = box == null ? List.of() : box.processes().stream().map(Process::toHandle).toList();
        var tree = ProcessTree.find(roots, marker(handle));
        ProcessTree.signal(tree, kill);
        if (!kill && !tree.isEmpty()) {
            scheduler.schedule(() -> {
                // Re-scan: the processes may have forked while shutting down.
                var survivors = ProcessTree.find(roots, marker(handle));
                tree.stream().filter(p -> !ProcessTree.exited(p)).forEach(survivors::add);
                if (!survivors.isEmpty()) {
                    LOG.info(() -> "container " + handle + ": " + survivors.size()
                            + " process(es) still alive after " + stopGrace.toMillis() + " ms; sending SIGKILL");
                    ProcessTree.signal(survivors, true);
                }
            }, stopGrace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void destroy(String handle) {
        if (handle == null || !HANDLE.matcher(handle).matches()) {
            return;
        }
        forget(handle);
        Box box = boxes.remove(handle);
        List<ProcessHandle> roots = box == null ? List.of() : box.processes().stream().map(Process::toHandle).toList();
        var tree = ProcessTree.find(roots, marker(handle));
        ProcessTree.signal(tree, true);
        awaitExit(tree);
        deleteTree(root.resolve(handle));
        if (box != null) {
            box.info().mappedPorts().forEach(m -> ports.release(m.hostPort()));
        }
    }

    /**
     * A relative path is inside the container directory (where the processes start) and may not leave it;
     * an absolute one is the host path, which is what the container's processes see without a rootfs.
     */
    @Override
    public InputStream readFile(String handle, String path) throws BackendException {
        Path file = outPath(box(handle), path);
        try {
            return PathTar.openRegularFile(file, path);
        } catch (IOException | SecurityException e) {
            throw new BackendException("cannot stream " + path + " out of container " + handle + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * A tar of the file or directory, resolved as {@link #readFile(String, String)} resolves it, except that
     * a link named by the path is archived as a link, as tar does; with a trailing {@code /} it is followed
     * to the directory whose contents are wanted (as the kernel resolves {@code link/}).
     */
    @Override
    public InputStream streamOut(String handle, String path, String user) throws BackendException {
        Path source = outPath(box(handle), path);
        try {
            if (path.endsWith("/")) {
                source = source.toRealPath();
            }
            return PathTar.open(source, path, root.resolve(AGENT_DIR));
        } catch (IOException | SecurityException e) {
            throw new BackendException("cannot stream " + path + " out of container " + handle + ": "
                    + e.getMessage(), e);
        }
    }

    /** The host's physical memory and the file system of the containers' root. */
    @Override
    public Capacity capacity() {
        return HostCapacity.of(root, MAX_CONTAINERS);
    }

    private Box box(String handle) throws BackendException {
        record(handle);
        Box box = boxes.get(handle);
        if (box == null) {
            throw new BackendException("unknown container " + handle);
        }
        return box;
    }

    /** Relative paths stay inside the container directory; absolute ones are the host's. */
    private static Path outPath(Box box, String path) throws BackendException {
        String handle = box.info().handle();
        if (path == null || path.isBlank()) {
            throw new BackendException("no path to stream out of container " + handle);
        }
        Path containerDir = box.info().path();
        Path given = Path.of(path);
        Path file = given.isAbsolute() ? given : containerDir.resolve(given).normalize();
        if (!given.isAbsolute() && !file.startsWith(containerDir)) {
            throw new BackendException("path " + path + " leaves container " + handle);
        }
        return file;
    }

    /** A path in the container directory: relative, or absolute under it (there is no container "/"). */
    private static Path insideContainer(Box box, String path) throws BackendException {
        Path containerDir = box.info().path();
        Path dir = containerDir.resolve(Path.of(path)).normalize();
        if (!dir.startsWith(containerDir)) {
            throw new BackendException("path " + path + " is outside container " + box.info().handle()
                    + " (the process backend has no rootfs; use a path relative to the container)");
        }
        return dir;
    }

    /**
     * Memory and CPU summed over the container's process tree from /proc (there is no cgroup), disk as the
     * size of its directory.
     */
    @Override
    public ContainerUsage usage(String handle) {
        Box box = boxes.get(handle);
        if (box == null) {
            return null;
        }
        List<ProcessHandle> roots = box.processes().stream().map(Process::toHandle).toList();
        long disk = DirectorySize.of(box.info().path(), d -> false);
        return ProcStat.of(ProcessTree.find(roots, marker(handle)), disk);
    }

    @Override
    public List<String> list() {
        TreeSet<String> handles = new TreeSet<>(boxes.keySet());
        if (Files.isDirectory(root)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
                dirs.forEach(d -> {
                    String name = d.getFileName().toString();
                    if (HANDLE.matcher(name).matches()) {
                        handles.add(name);
                    }
                });
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot list containers in " + root, e);
            }
        }
        return List.copyOf(handles);
    }

    private void fillEnvironment(Map<String, String> env, Box box, ProcessSpec spec) {
        // Start from a clean slate like a real container; keep the host PATH so host binaries are found.
        String path = System.getenv().getOrDefault("PATH", DEFAULT_PATH);
        env.clear();
        env.put("PATH", path);
        env.put("HOME", box.info().path().toString());
        box.env().forEach(v -> env.put(v.name(), v.value() == null ? "" : v.value()));
        spec.env().forEach(v -> env.put(v.name(), v.value() == null ? "" : v.value()));
        List<PortMapping> mapped = box.info().mappedPorts();
        if (!mapped.isEmpty()) {
            // No network namespace: the process has to bind the host port itself.
            env.put("PORT", Integer.toString(mapped.get(0).hostPort()));
        }
        env.put(HANDLE_ENV, box.info().handle());
    }

    /** A relative dir is inside the container and created on demand; an absolute one is used as given. */
    private static Path workingDir(Path containerDir, String dir) throws IOException {
        if (dir == null || dir.isBlank()) {
            return containerDir;
        }
        Path given = Path.of(dir);
        if (given.isAbsolute()) {
            return given;
        }
        Path resolved = containerDir.resolve(given).normalize();
        if (!resolved.startsWith(containerDir)) {
            throw new IOException("dir " + dir + " leaves the container");
        }
        return Files.createDirectories(resolved);
    }

    /**
     * Java resolves a relative executable against the agent's working directory, not the child's;
     * resolve a path with a slash against the process dir instead. A bare name is looked up on PATH.
     */
    private static String executable(String path, Path workDir) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("no path to run");
        }
        if (path.contains("/") && !Path.of(path).isAbsolute()) {
            return workDir.resolve(path).normalize().toString();
        }
        return path;
    }

    private static String marker(String handle) {
        return HANDLE_ENV + "=" + handle;
    }

    /**
     * Polls rather than using {@code onExit()}: for a process that is not our child (a re-parented
     * grandchild) the JDK polls with a back-off that makes each wait take about two seconds, and a
     * zombie counts as gone.
     */
    private static void awaitExit(Collection<ProcessHandle> processes) {
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        while (!processes.stream().allMatch(ProcessTree::exited)) {
            if (System.nanoTime() > deadline) {
                LOG.warning(() -> "processes still alive after SIGKILL: "
                        + processes.stream().filter(p -> !ProcessTree.exited(p)).map(ProcessHandle::pid).toList());
                return;
            }
            try {
                Thread.sleep(EXIT_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete container directory " + dir, e);
        }
    }
}
