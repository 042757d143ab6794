package org.diego.cell.garden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.diego.cell.archive.TarWriter;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.PortMapping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Garden behaviour every {@link ContainerBackend} shares, written against the interface, so the
 * process backend and the runc backend are held to the same promises (the executor relies on them
 * whichever backend a cell runs). Beyond the interface it uses only what the executor also relies on,
 * the logs in {@link ContainerInfo#path()}, and the grace time reaper of {@link BookkeepingBackend}. A
 * subclass supplies the backend and the few legitimate differences: the rootfs, the shell, the user
 * processes run as, which port {@code PORT} names, how to start a small server, and whether the backend
 * can enforce limits.
 *
 * <p>Every handle has a random suffix: the process backend finds a container's processes host-wide by
 * their {@code DIEGO_CONTAINER_HANDLE} marker, and the runc backend names network namespaces after
 * handles, so fixed handles would collide with other test JVMs on the host.
 */
public abstract class BackendContract {
    protected static final long MB = 1024 * 1024;
    protected static final String HOST_IP = "127.0.0.1";
    /** Between a non-forced stop's SIGTERM and its SIGKILL: short, but long enough to measure. */
    protected static final Duration STOP_GRACE = Duration.ofMillis(400);
    /** Roomy enough for every contract process; only the limit tests use tight limits. */
    protected static final ContainerLimits ROOMY = new ContainerLimits(256 * MB, 0, 200, 0);
    /** Seconds to wait for an exit: generous, the machine may be busy with other builds. */
    private static final long EXIT_WAIT = 20;

    /** What a backend is built from; the same for every instance a test makes. */
    protected record Setup(Path workDir, String hostIp, HostPortAllocator ports, ScheduledExecutorService timers,
                           Duration stopGrace, Clock clock) {
    }

    @TempDir
    Path workDir;
    protected final HostPortAllocator ports = new HostPortAllocator();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    /** Grace times are measured on it; only the grace time test moves it. */
    private final ManualClock clock = new ManualClock();
    private final List<ContainerBackend> opened = new CopyOnWriteArrayList<>();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    protected ContainerBackend backend;

    // ---- What differs per backend ----

    /** A new backend on {@code setup}; a second call with the same setup stands for a restarted agent. */
    protected abstract ContainerBackend newBackend(Setup setup);

    /** Releases what a backend holds besides its containers (threads); they are destroyed before. */
    protected void close(ContainerBackend backend) {
    }

    /** The rootfs containers are created from (the process backend ignores it). */
    protected String rootfs() {
        return "preloaded:cflinuxfs4";
    }

    /** A POSIX shell the container can run: inside the rootfs, or the host's. */
    protected String shell() {
        return "/bin/sh";
    }

    /** The user processes run and files stream as; null where the backend has no users. */
    protected abstract String processUser();

    /**
     * The {@code PORT} a process sees for {@code mapping}: the container port in a network namespace of
     * its own, the host port where processes share the host's network.
     */
    protected abstract int portSeenByProcess(PortMapping mapping);

    /** A process that answers HTTP on {@code $PORT} with {@code greeting}, and runs until killed. */
    protected abstract ProcessSpec server(String greeting);

    /** Whether memory and pid limits are enforced (cgroups); the limit tests are skipped otherwise. */
    protected abstract boolean enforcesLimits();

    // ---- Set-up ----

    @BeforeEach
    void openBackend() {
        backend = open();
    }

    /** Destroys what the test left, only in the backends it opened (only its own work dir). */
    @AfterEach
    void destroyEverything() {
        for (ContainerBackend b : opened) {
            b.list().forEach(b::destroy);
            close(b);
        }
        timers.shutdownNow();
    }

    protected final ContainerBackend open() {
        ContainerBackend b = newBackend(new Setup(workDir, HOST_IP, ports, timers, STOP_GRACE, clock));
        opened.add(b);
        return b;
    }

    // ---- Create, look up, list, destroy ----

    @Test
    void createsLooksUpListsAndDestroysAContainer() throws Exception {
        String h = handle("box");
        ContainerInfo info = backend.create(spec(h, List.of(8080, 8081)));

        assertEquals(h, info.handle());
        assertEquals(HOST_IP, info.hostIp());
        assertFalse(info.containerIp() == null || info.containerIp().isBlank());
        assertEquals(List.of(8080, 8081), info.mappedPorts().stream().map(PortMapping::containerPort).toList());
        assertEquals(2, info.mappedPorts().stream().map(PortMapping::hostPort).filter(p -> p > 0).distinct().count(),
                "a distinct host port per container port");
        assertEquals(2, ports.inUse());

        ContainerDetails details = backend.info(h);
        assertEquals(info, details.info());
        assertEquals("active", details.state());
        assertEquals(List.of(), details.processIds());
        assertNull(details.graceTime());
        assertEquals(List.of(), details.events());
        assertEquals(List.of(h), backend.list());
        assertEquals(List.of(h), backend.list(Map.of()));

        backend.destroy(h);
        assertEquals(List.of(), backend.list());
        assertThrows(BackendException.class, () -> backend.info(h));
        assertEquals(0, ports.inUse(), "host ports released");
        backend.destroy(h); // again: fine

        backend.create(spec(h, List.of()));
        assertEquals(List.of(h), backend.list(), "a destroyed container's handle can be used again");
    }

    @Test
    void refusesDuplicateAndBadHandlesAndKeepsTheOriginal() throws Exception {
        String h = handle("dup");
        backend.create(spec(h, List.of(8080)));

        assertThrows(BackendException.class, () -> backend.create(spec(h, List.of(8080))), "duplicate");
        for (String bad : new String[] {null, "", "..", "../escape", "a/b", "with space", "semi;colon"}) {
            assertThrows(BackendException.class, () -> backend.create(spec(bad, List.of(8080))), "handle " + bad);
        }
        assertEquals(List.of(h), backend.list());
        assertEquals(1, ports.inUse(), "refused creates hold no port");
        assertEquals(0, run(h, "exit 0").exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS), "the original still works");
    }

    @Test
    void unknownHandlesAreErrorsButStopDestroyAndSignalIgnoreThem() throws Exception {
        String nope = handle("nope");
        ByteArrayInputStream empty = new ByteArrayInputStream(tar(w -> { }));
        assertThrows(BackendException.class, () -> backend.run(nope, sh("exit 0")));
        assertThrows(BackendException.class, () -> backend.info(nope));
        assertThrows(BackendException.class, () -> backend.properties(nope));
        assertThrows(BackendException.class, () -> backend.property(nope, "p"));
        assertThrows(BackendException.class, () -> backend.setProperty(nope, "p", "v"));
        assertThrows(BackendException.class, () -> backend.removeProperty(nope, "p"));
        assertThrows(BackendException.class, () -> backend.attach(nope, "process-1"));
        assertThrows(BackendException.class, () -> backend.streamIn(nope, "in", processUser(), empty));
        assertThrows(BackendException.class, () -> backend.streamOut(nope, "out", processUser()));
        assertThrows(BackendException.class, () -> backend.readFile(nope, "out", processUser()));
        assertNull(backend.usage(nope));
        backend.stop(nope, false);
        backend.stop(nope, true);
        backend.destroy(nope);
        Process host = new ProcessBuilder("sleep", "30").start();
        try {
            backend.signal(nope, host.pid(), true);
            assertFalse(host.waitFor(300, TimeUnit.MILLISECONDS), "no container: no signal");
        } finally {
            host.destroyForcibly();
        }
        assertEquals(List.of(), backend.list());
    }

    @Test
    void concurrentCreatesGetDistinctHostPorts() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<CompletableFuture<ContainerInfo>> creates = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String h = handle("par" + i);
                creates.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return backend.create(spec(h, List.of(8080)));
                    } catch (BackendException e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            Set<Integer> hostPorts = new HashSet<>();
            for (CompletableFuture<ContainerInfo> c : creates) {
                hostPorts.add(c.get(60, TimeUnit.SECONDS).mappedPorts().get(0).hostPort());
            }
            assertEquals(3, hostPorts.size());
            assertEquals(3, backend.list().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void capacityIsPositive() {
        Capacity capacity = backend.capacity();
        assertTrue(capacity.memoryBytes() > 0, capacity.toString());
        assertTrue(capacity.diskBytes() > 0, capacity.toString());
        assertTrue(capacity.maxContainers() > 0, capacity.toString());
    }

    // ---- Processes ----

    @Test
    void runsAProcessWithArgsEnvAndDirAndReportsItsOutputAndExitStatus() throws Exception {
        String h = handle("run");
        backend.create(new ContainerSpec(h, rootfs(), List.of(env("A", "container"), env("B", "container")),
                List.of(), ROOMY));

        ContainerProcess p = backend.run(h, new ProcessSpec(shell(), List.of("-c",
                "echo \"$0 $1 $A $B\"; [ \"$(pwd -P)\" = \"$(cd \"$HOME/work\" && pwd -P)\" ] && echo in-home-work;"
                        + " echo oops >&2; exit 3", "x", "y"),
                "work", List.of(env("B", "process")), processUser()), ProcessOptions.OWN_STREAMS);

        assertEquals(3, p.exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS));
        assertEquals("x y container process\nin-home-work\n", text(p.stdout()),
                "args, the container's env overridden by the process's, a relative dir under $HOME (created)");
        assertEquals("oops\n", text(p.stderr()));

        ContainerProcess noDir = run(h, "[ \"$(pwd -P)\" = \"$(cd \"$HOME\" && pwd -P)\" ] && echo in-home");
        assertEquals(0, noDir.exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS));
        assertEquals("in-home\n", text(noDir.stdout()), "without a dir a process starts in $HOME");
    }

    /** Neither backend runs what does not exist; the runc backend's shell reports it as 127 (docs §2). */
    @Test
    void aProcessThatCannotStartNeverRuns() throws Exception {
        String h = handle("missing");
        backend.create(spec(h, List.of()));
        assertThrows(BackendException.class, () -> backend.run(h, new ProcessSpec(" ", null, null, null)));
        assertEquals(0, run(h, "echo x > a-file").exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS));
        assertThrows(BackendException.class, () -> backend.run(h, new ProcessSpec(shell(), List.of("-c", "exit 0"),
                "a-file", null, processUser())), "a dir that is a file");
        try {
            ContainerProcess missing = backend.run(h, new ProcessSpec("/no/such/binary", null, null, null,
                    processUser()));
            assertEquals(127, missing.exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS));
        } catch (BackendException e) {
            // refused at run: as good
        }
        assertEquals(0, run(h, "exit 0").exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS), "the container goes on");
    }

    /** The executor's log tailers read {@code stdout.log}/{@code stderr.log} in {@link ContainerInfo#path()}. */
    @Test
    void outputGoesToTheContainersLogsUnlessDiscardedAndNofileApplies() throws Exception {
        String h = handle("logs");
        ContainerInfo info = backend.create(spec(h, List.of()));
        assertEquals(0, backend.run(h, sh("echo one; echo err-one >&2")).exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS));
        assertEquals(0, backend.run(h, sh("echo dropped; echo dropped >&2"), new ProcessOptions(0, true))
                .exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS));
        assertEquals(0, backend.run(h, sh("echo two")).exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS));
        assertEquals("one\ntwo\n", Files.readString(info.path().resolve(ProcessBackend.STDOUT_LOG)));
        assertEquals("err-one\n", Files.readString(info.path().resolve(ProcessBackend.STDERR_LOG)));

        ContainerProcess limited = backend.run(h, sh("ulimit -n"), new ProcessOptions(64, false, true));
        assertEquals(0, limited.exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS));
        assertEquals("64\n", text(limited.stdout()), "nofile is the process's open-files limit");
    }

    /** The child waits for a file the test streams in only after the parent's exit was reported. */
    @Test
    void aBackgroundChildHoldingTheOutputDoesNotDelayTheExitStatus() throws Exception {
        String h = handle("bg");
        ContainerInfo info = backend.create(spec(h, List.of()));
        ContainerProcess parent = backend.run(h, sh(
                "(while [ ! -e go ]; do sleep 0.05; done; echo from-child) & echo from-parent; exit 4"));
        assertEquals(4, parent.exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS), "while the child still runs");

        backend.streamIn(h, ".", processUser(), new ByteArrayInputStream(tar(w -> file(w, "go", ""))));
        Path log = info.path().resolve(ProcessBackend.STDOUT_LOG);
        awaitTrue(() -> read(log).equals("from-parent\nfrom-child\n"), "the orphan still writes to the log");
    }

    @Test
    void aSignalReachesOnlyItsProcess() throws Exception {
        String h = handle("sig");
        backend.create(spec(h, List.of()));
        ContainerProcess first = run(h, "exec sleep 300");
        ContainerProcess second = run(h, "exec sleep 300");
        Process host = new ProcessBuilder("sleep", "30").start();
        try {
            backend.signal(h, host.pid(), true);
            assertFalse(host.waitFor(300, TimeUnit.MILLISECONDS), "a pid outside the container is left alone");
        } finally {
            host.destroyForcibly();
        }

        backend.signal(h, first.pid(), false);
        assertEquals(143, first.exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS), "SIGTERM");
        assertTrue(second.running(), "the other process runs on");
        backend.signal(h, second.pid(), true);
        assertEquals(137, second.exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS), "SIGKILL");
        backend.signal(h, second.pid(), true); // gone: ignored
    }

    @Test
    void gracefulStopEscalatesToKillAfterTheGraceTimeAndTheContainerLivesOn() throws Exception {
        String h = handle("stop");
        backend.create(spec(h, List.of()));
        ContainerProcess stubborn = run(h, "trap '' TERM; echo ready; while true; do sleep 0.1; done");
        ContainerProcess polite = run(h, "exec sleep 300");
        assertEquals("ready\n", new String(stubborn.stdout().readNBytes(6), StandardCharsets.UTF_8),
                "the trap is set");

        long started = System.nanoTime();
        backend.stop(h, false);

        assertEquals(143, polite.exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS), "SIGTERM ends what does not trap it");
        assertEquals(137, stubborn.exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS), "SIGKILL after the grace time");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis >= STOP_GRACE.toMillis() - 50, "killed only after the grace time, took " + millis + " ms");
        assertEquals("stopped", backend.info(h).state());
        assertEquals(0, run(h, "exit 0").exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS),
                "a stopped container runs processes until it is destroyed");
    }

    @Test
    void attachFindsAProcessByIdWithItsOwnOutputAndExitStatus() throws Exception {
        String h = handle("attach");
        ContainerInfo info = backend.create(spec(h, List.of()));
        // It waits for a file the test streams in, so it is surely running while its id is tried again.
        ContainerProcess started = backend.run(h, new ProcessSpec(shell(), List.of("-c",
                "echo one; echo oops >&2; while [ ! -e go ]; do sleep 0.05; done; echo two; exit 3"), null, null,
                processUser(), "job"), ProcessOptions.OWN_STREAMS);
        assertThrows(BackendException.class, () -> backend.run(h, sh("exit 0").withId("job")),
                "a running process's id is taken");
        assertEquals(List.of("job"), backend.info(h).processIds());

        ContainerProcess attached = backend.attach(h, "job");
        assertEquals("job", attached.id());
        assertEquals(started.pid(), attached.pid());
        backend.streamIn(h, ".", processUser(), new ByteArrayInputStream(tar(w -> file(w, "go", ""))));

        assertEquals(3, attached.exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS));
        assertEquals("one\ntwo\n", text(attached.stdout()));
        assertEquals("oops\n", text(attached.stderr()));
        assertFalse(read(info.path().resolve(ProcessBackend.STDOUT_LOG)).contains("one"),
                "own streams keep the output out of the container's logs");
        assertThrows(BackendException.class, () -> backend.attach(h, "no-such-process"));

        ContainerProcess again = backend.run(h, sh("exit 0").withId("job"));
        assertEquals(0, again.exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS), "an exited process's id can be reused");
        ContainerProcess generated = backend.run(h, sh("exit 0"));
        assertEquals(generated.pid(), backend.attach(h, generated.id()).pid(), "a generated id");
    }

    @Test
    void attachIsReadyBeforeTheOutputIsWritten() throws Exception {
        String h = handle("late");
        backend.create(spec(h, List.of()));
        backend.run(h, sh("sleep 0.3; echo late").withId("slow"), ProcessOptions.OWN_STREAMS);
        // Read while it still runs: the stream follows the output until the process exits.
        assertEquals("late\n", text(backend.attach(h, "slow").stdout()));
    }

    // ---- Files ----

    @Test
    void filesStreamInAndOutAsTheProcessUserAndRoundTrip() throws Exception {
        String h = handle("files");
        backend.create(spec(h, List.of()));
        byte[] app = tar(w -> {
            w.directory("sub", 0755, 0);
            file(w, "sub/f.txt", "hi");
            w.symlink("sub/link", "f.txt", 0);
        });
        backend.streamIn(h, "app", processUser(), new ByteArrayInputStream(app));

        ContainerProcess writes = backend.run(h, new ProcessSpec(shell(), List.of("-c",
                "cat sub/link && echo more >> sub/f.txt && mkdir -p ../out && echo result > ../out/r.txt"), "app",
                null, processUser()), ProcessOptions.OWN_STREAMS);
        assertEquals(0, writes.exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS), "the user owns what was streamed in");
        assertEquals("hi", text(writes.stdout()));

        try (InputStream in = backend.readFile(h, "app/sub/f.txt", processUser())) {
            assertEquals("himore\n", text(in));
        }
        try (InputStream in = backend.readFile(h, "out/r.txt", processUser())) {
            assertEquals("result\n", text(in), "what a process wrote (a task's result file)");
        }
        assertEquals(Map.of("f.txt", "himore\n"), TarEntries.read(backend.streamOut(h, "app/sub/f.txt", processUser())));
        assertEquals(Map.of("app/", "", "app/sub/", "", "app/sub/f.txt", "himore\n", "app/sub/link", "-> f.txt"),
                TarEntries.read(backend.streamOut(h, "app", processUser())), "a directory under its own name");
        assertEquals(Map.of("./", "", "./f.txt", "himore\n", "./link", "-> f.txt"),
                TarEntries.read(backend.streamOut(h, "app/sub/", processUser())), "a directory's contents");

        assertThrows(BackendException.class, () -> backend.readFile(h, "app/missing", processUser()));
        assertThrows(BackendException.class, () -> backend.readFile(h, "", processUser()));
        assertThrows(BackendException.class, () -> backend.streamOut(h, "app/missing", processUser()));
        assertThrows(BackendException.class, () -> backend.streamIn(h, "app/sub/f.txt", processUser(),
                new ByteArrayInputStream(app)), "a file is no directory to extract into");
        assertEquals(List.of(h), backend.list(), "spooled tars are no containers");
    }

    /** As tar does it (guardian's StreamOut): a link the path names is archived as the link. */
    @Test
    void linksStreamOutAsLinksUnlessATrailingSlashFollowsThem() throws Exception {
        String h = handle("links");
        backend.create(spec(h, List.of()));
        backend.streamIn(h, "app", processUser(), new ByteArrayInputStream(tar(w -> {
            w.directory("sub", 0755, 0);
            file(w, "sub/f.txt", "hi");
            w.symlink("sub/link", "f.txt", 0);
            w.symlink("dirlink", "sub", 0);
        })));

        assertEquals(Map.of("link", "-> f.txt"), TarEntries.read(backend.streamOut(h, "app/sub/link", processUser())));
        assertEquals(Map.of("dirlink", "-> sub"), TarEntries.read(backend.streamOut(h, "app/dirlink", processUser())));
        assertEquals(Map.of("./", "", "./f.txt", "hi", "./link", "-> f.txt"),
                TarEntries.read(backend.streamOut(h, "app/dirlink/", processUser())), "the linked directory's contents");
        assertEquals(Map.of("f.txt", "hi"), TarEntries.read(backend.streamOut(h, "app/dirlink/f.txt", processUser())),
                "links before the last component are followed");
        try (InputStream in = backend.readFile(h, "app/sub/link", processUser())) {
            assertEquals("hi", text(in), "readFile reads the file a link names");
        }
    }

    /** readFile serves regular files only: a fifo a container made must not block the agent. */
    @Test
    void readFileRefusesDirectoriesAndFifos() throws Exception {
        String h = handle("special");
        backend.create(spec(h, List.of()));
        assertEquals(0, run(h, "mkdir -p d && mkfifo pipe").exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS));
        assertThrows(BackendException.class, () -> backend.readFile(h, "d", processUser()));
        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(BackendException.class, () -> backend.readFile(h, "pipe", processUser())));
    }

    // ---- Garden bookkeeping ----

    @Test
    void propertiesAreSetReadRemovedAndFilterTheList() throws Exception {
        String a = handle("a");
        String b = handle("b");
        String c = handle("c");
        backend.create(spec(a, Map.of("app", "x", "kind", "lrp")));
        backend.create(spec(b, Map.of("app", "y", "kind", "lrp")));
        backend.create(spec(c, Map.of()));

        assertEquals(List.of(a, b), backend.list(Map.of("kind", "lrp")));
        assertEquals(List.of(a), backend.list(Map.of("kind", "lrp", "app", "x")));
        assertEquals(List.of(a, b, c), backend.list(Map.of()));
        assertEquals(List.of(), backend.list(Map.of("app", "z")));
        assertEquals(Map.of("app", "x", "kind", "lrp"), backend.info(a).properties());

        backend.setProperty(c, "kind", "task");
        assertEquals("task", backend.property(c, "kind"));
        assertEquals(List.of(c), backend.list(Map.of("kind", "task")));
        backend.removeProperty(a, "app");
        backend.removeProperty(a, "never-set");
        assertEquals(Map.of("kind", "lrp"), backend.properties(a));
        assertThrows(BackendException.class, () -> backend.property(a, "app"), "a missing property is an error");
        assertThrows(IllegalArgumentException.class, () -> backend.setProperty(a, "", "v"));
        assertEquals(Map.of("kind", "lrp"), backend.properties(a), "bad input changes nothing");
    }

    @Test
    void infoBulkInfoAndMetricsReportEachHandleOrItsError() throws Exception {
        String h = handle("info");
        String missing = handle("missing");
        backend.create(spec(h, Map.of("p", "1")));
        ContainerProcess sleeper = backend.run(h, sh("exec sleep 300").withId("sleeper"));

        ContainerDetails info = backend.info(h);
        assertEquals("active", info.state());
        assertEquals(List.of("sleeper"), info.processIds());
        assertEquals(Map.of("p", "1"), info.properties());
        assertFalse(info.outOfMemory());

        var bulk = backend.bulkInfo(List.of(h, missing));
        assertEquals(info, bulk.get(h).value());
        assertFalse(bulk.get(missing).ok());
        assertTrue(bulk.get(missing).error().contains(missing), bulk.get(missing).error());

        var metrics = backend.bulkMetrics(List.of(h, missing));
        assertTrue(metrics.get(h).ok(), metrics.get(h).error());
        assertTrue(metrics.get(h).value().memoryBytes() > 0, "the sleeper's memory: " + metrics.get(h).value());
        assertTrue(metrics.get(h).value().diskBytes() >= 0);
        assertFalse(metrics.get(missing).ok());

        backend.stop(h, true);
        assertEquals(137, sleeper.exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS), "a forced stop kills at once");
        assertEquals("stopped", backend.info(h).state());
        assertEquals(List.of(), backend.info(h).processIds());
    }

    /**
     * Garden's grace time: a container nobody names for that long is destroyed; a running process is use,
     * metrics and bulk calls are not. The backend's reaper runs every second; calling it directly keeps
     * the test deterministic with the manual clock.
     */
    @Test
    void aContainerUnusedForItsGraceTimeIsDestroyed() throws Exception {
        String idle = handle("idle");
        String none = handle("none");
        String busy = handle("busy");
        backend.create(new ContainerSpec(idle, rootfs(), List.of(), List.of(8080), ROOMY, Map.of(),
                Duration.ofSeconds(10)));
        backend.create(spec(none, List.of()));
        backend.create(new ContainerSpec(busy, rootfs(), List.of(), List.of(), ROOMY, Map.of(), Duration.ofSeconds(10)));
        ContainerProcess sleeper = run(busy, "exec sleep 300");
        assertEquals(Duration.ofSeconds(10), backend.info(idle).graceTime());

        clock.advance(Duration.ofSeconds(9));
        Process host = new ProcessBuilder("sleep", "30").start();
        try {
            backend.signal(idle, host.pid(), false); // every call naming it is use, even one with nothing to do
        } finally {
            host.destroyForcibly();
        }
        clock.advance(Duration.ofSeconds(9));
        backend.usage(idle);
        backend.bulkInfo(List.of(idle));
        backend.bulkMetrics(List.of(idle));
        backend.list();
        assertEquals(List.of(), reapIdle());

        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(idle), reapIdle());
        assertEquals(List.of(busy, none), backend.list(), "a running process is use; no grace time is never");
        assertEquals(0, ports.inUse(), "destroyed like any other");

        backend.signal(busy, sleeper.pid(), true);
        sleeper.exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS);
        backend.setGraceTime(none, Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(10)); // busy's grace runs from the signal, none's from setGraceTime
        assertEquals(Set.of(busy, none), Set.copyOf(reapIdle()));
        assertEquals(List.of(), backend.list());
    }

    private List<String> reapIdle() {
        return ((BookkeepingBackend) backend).reapIdle();
    }

    // ---- Network ----

    @Test
    void aProcessListeningOnPortIsReachableThroughTheHostPortUntilDestroyed() throws Exception {
        String h = handle("web");
        ContainerInfo info = backend.create(spec(h, List.of(8080)));
        PortMapping mapping = info.mappedPorts().get(0);
        assertEquals(8080, mapping.containerPort());

        ContainerProcess port = run(h, "echo $PORT");
        assertEquals(0, port.exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS));
        assertEquals(portSeenByProcess(mapping) + "\n", text(port.stdout()), "PORT names the first mapping");

        ContainerProcess server = backend.run(h, server("hello-" + h));
        String response = awaitHttp(info.hostIp(), mapping.hostPort(), Duration.ofSeconds(30));
        assertTrue(response.startsWith("HTTP/1.") && response.contains(" 200 "), response);
        assertTrue(response.endsWith("hello-" + h + "\n"), response);

        backend.destroy(h);
        assertEquals(137, server.exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS));
        assertEquals(0, ports.inUse(), "host port released");
        assertTrue(awaitRefused(mapping.hostPort()), "nothing listens on the host port any more");
    }

    // ---- Destroy and leftovers ----

    @Test
    void destroyKillsEveryProcessAndForgetsTheContainer() throws Exception {
        String h = handle("gone");
        backend.create(spec(h, List.of(8080)));
        ContainerProcess main = run(h, "sleep 300 & exec sleep 300");
        ContainerProcess other = run(h, "trap '' TERM; echo ready; while true; do sleep 0.1; done");
        assertEquals("ready\n", new String(other.stdout().readNBytes(6), StandardCharsets.UTF_8));

        backend.destroy(h);

        assertEquals(137, main.exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS));
        assertEquals(137, other.exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS), "even what ignores SIGTERM");
        assertEquals(List.of(), backend.list());
        assertEquals(0, ports.inUse());
        assertThrows(BackendException.class, () -> backend.info(h));
        assertThrows(BackendException.class, () -> backend.readFile(h, "x", processUser()));
        assertThrows(BackendException.class, () -> backend.run(h, sh("exit 0")));
    }

    @Test
    void aNewBackendOnTheSameWorkDirFindsAndDestroysAnEarlierOnesContainers() throws Exception {
        String h = handle("left");
        backend.create(spec(h, Map.of("app", "x")));
        ContainerProcess sleeper = run(h, "exec sleep 300");
        // Found by what /proc shows: wait until the process is sleep (it can still be the JDK's spawn helper,
        // without the container's environment, just after run returns; seen once under load).
        // (Its argv, not ProcessHandle's command line: that starts with the executable, busybox in a runc rootfs.)
        awaitTrue(() -> cmdline(sleeper.pid()).contains("sleep 300"), "the sleeper runs sleep");

        ContainerBackend restarted = open();
        assertEquals(List.of(h), restarted.list());
        assertEquals(List.of(), restarted.list(Map.of("app", "x")), "a leftover's properties are not known");
        assertThrows(BackendException.class, () -> restarted.create(spec(h, List.of())),
                "a leftover's handle is taken until it is destroyed");
        restarted.destroy(h);

        assertEquals(137, sleeper.exitStatus().get(EXIT_WAIT, TimeUnit.SECONDS), "the earlier agent's process");
        assertEquals(List.of(), restarted.list());
    }

    // ---- Limits: only where the backend can enforce them ----

    @Test
    void memoryLimitIsEnforcedWhereTheBackendEnforcesLimits() throws Exception {
        assumeTrue(enforcesLimits(), "this backend cannot enforce memory limits (no cgroups): skipped on purpose");
        String h = handle("mem");
        backend.create(new ContainerSpec(h, rootfs(), List.of(), List.of(), new ContainerLimits(64 * MB, 0, 50, 0)));
        assertFalse(backend.info(h).outOfMemory());

        // The shell keeps 128 MB in a variable: the kernel's OOM killer ends it (SIGKILL → 137).
        ContainerProcess hog = run(h, "x=$(head -c 128m /dev/zero | tr '\\0' a); echo survived");
        assertEquals(137, hog.exitStatus().get(60, TimeUnit.SECONDS));
        assertEquals(List.of(ContainerDetails.OUT_OF_MEMORY), backend.info(h).events());
        assertTrue(backend.bulkInfo(List.of(h)).get(h).value().outOfMemory());
        ContainerProcess small = run(h, "x=$(head -c 8m /dev/zero | tr '\\0' a); echo ${#x}");
        assertEquals(0, small.exitStatus().get(30, TimeUnit.SECONDS), "well under the limit is fine");
    }

    @Test
    void pidLimitIsEnforcedWhereTheBackendEnforcesLimits() throws Exception {
        assumeTrue(enforcesLimits(), "this backend cannot enforce pid limits (no cgroups): skipped on purpose");
        String h = handle("pids");
        backend.create(new ContainerSpec(h, rootfs(), List.of(), List.of(), new ContainerLimits(256 * MB, 0, 20, 0)));

        ContainerProcess bomb = run(h, "for i in $(seq 1 40); do sleep 30 & done; echo all-forked");
        assertNotEquals(0, bomb.exitStatus().get(30, TimeUnit.SECONDS));
        assertFalse(text(bomb.stdout()).contains("all-forked"));
        assertTrue(text(bomb.stderr()).contains("fork"), "the shell says it cannot fork");
    }

    // ---- Helpers ----

    /** A handle of this test only (see the class comment). */
    protected final String handle(String name) {
        return name + "-" + suffix;
    }

    protected final ContainerSpec spec(String handle, List<Integer> netIn) {
        return new ContainerSpec(handle, rootfs(), List.of(), netIn, ROOMY);
    }

    protected final ContainerSpec spec(String handle, Map<String, String> properties) {
        return new ContainerSpec(handle, rootfs(), List.of(), List.of(), ROOMY, properties, null);
    }

    /** {@code script} in the container's shell as the process user. */
    protected final ProcessSpec sh(String script) {
        return new ProcessSpec(shell(), List.of("-c", script), null, null, processUser());
    }

    /** Runs {@code script} with output of its own. */
    protected final ContainerProcess run(String handle, String script) throws BackendException {
        return backend.run(handle, sh(script), ProcessOptions.OWN_STREAMS);
    }

    protected static EnvironmentVariable env(String name, String value) {
        return new EnvironmentVariable(name, value);
    }

    private static String text(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @FunctionalInterface
    private interface TarContent {
        void write(TarWriter writer) throws IOException;
    }

    private static byte[] tar(TarContent content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarWriter writer = new TarWriter(bytes)) {
            content.write(writer);
        }
        return bytes.toByteArray();
    }

    private static void file(TarWriter writer, String name, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        writer.file(name, 0644, data.length, 0, new ByteArrayInputStream(data));
    }

    /** A process's argv from /proc, space-separated; empty once it is gone. */
    private static String cmdline(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    protected static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(EXIT_WAIT).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    /** A closed listener can take a moment to go (the JDK closes it once its accepting thread has noticed). */
    private static boolean awaitRefused(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket late = new Socket(HOST_IP, port)) {
                Thread.sleep(20);
            } catch (ConnectException e) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    /** The first non-empty HTTP response; a forwarder closes connections at once until the app listens. */
    static String awaitHttp(String host, int port, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket(host, port)) {
                socket.setSoTimeout(5000);
                OutputStream out = socket.getOutputStream();
                out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                last = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!last.isEmpty()) {
                    return last;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(50);
        }
        return last;
    }
}
