package org.diego.cell.garden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.diego.cell.archive.SampleArchives;
import org.diego.cell.executor.CellExecutor;
import org.diego.cell.executor.Container;
import org.diego.cell.executor.ContainerState;
import org.diego.cell.executor.Resources;
import org.diego.cell.executor.RunRequest;
import org.diego.cell.executor.steps.Recipe;
import org.diego.cell.executor.transfer.FileServer;
import org.diego.cell.garden.image.ImageFixtures;
import org.diego.cell.garden.runc.ContainerNetwork;
import org.diego.cell.garden.runc.HostCommand;
import org.diego.cell.garden.runc.RootfsLayer;
import org.diego.core.model.Action;
import org.diego.core.model.Check;
import org.diego.core.model.CheckDefinition;
import org.diego.core.model.DownloadAction;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.RunAction;
import org.diego.core.model.TcpCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runc backend against the real runc, with the busybox rootfs that build-busybox-rootfs.sh makes: what
 * only runc does (users, cgroups, network namespaces, images, the executor on runc). What both backends
 * promise is in {@link RuncBackendContractIT}. Needs root, runc, catatonit and a static busybox (.ci/run
 * installs them); skipped otherwise. Each test's backend keeps one warm container, made before the test
 * starts, so a test's first create is served warm (as the agent's are by default) and later ones warm or
 * cold depending on the refill; tests that need one path say so.
 */
class RuncBackendIT {
    private static final Path ROOTFS = Path.of("target/it-rootfs/busybox").toAbsolutePath();
    private static final long MB = 1024 * 1024;
    /** Its disk limit is the one warm containers are first made with, so a create with it is served warm. */
    private static final ContainerLimits SMALL = new ContainerLimits(64 * MB,
            RuncBackendConfig.WARM_DISK_BYTES, 20, 10);

    @TempDir
    Path workDir;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final HostPortAllocator ports = new HostPortAllocator();
    private RuncBackend backend;

    @BeforeAll
    static void requireRuncAndBuildRootfs() throws IOException {
        String unusable = RuncBackend.unusableBecause(config(Path.of("/tmp"), Duration.ofSeconds(1)));
        assumeTrue(unusable == null, () -> "skipping the runc backend ITs: " + unusable);
        assumeTrue(Files.isExecutable(Path.of("/bin/busybox")),
                "skipping the runc backend ITs: no /bin/busybox (apt-get install busybox-static)");
        HostCommand.check(List.of("sh", "src/main/scripts/build-busybox-rootfs.sh", ROOTFS.toString()));
    }

    /** The containers' cgroups are gone (destroy checks it); their empty parent goes too. */
    @AfterAll
    static void removeTheCgroupParent() throws IOException {
        try (var controllers = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path controller : controllers.toList()) {
                Path parent = Files.isDirectory(controller.resolve("diego-it")) ? controller.resolve("diego-it")
                        : controller.getFileName().toString().equals("diego-it") ? controller : null;
                if (parent != null) {
                    Files.deleteIfExists(parent);
                }
            }
        } catch (IOException e) {
            // not empty (a failed test left a container) or not ours to remove: leave it
        }
    }

    @BeforeEach
    void newBackend() throws InterruptedException {
        backend = backend(Duration.ofMillis(500), 1);
        assertTrue(backend.awaitWarmContainers(Duration.ofSeconds(30)), "the warm container was made");
    }

    @AfterEach
    void destroyEverything() {
        backend.list().forEach(backend::destroy);
        backend.close();
        timers.shutdownNow();
    }

    /** Exit status, logs, env layering and PORT are in the contract (RuncBackendContractIT). */
    @Test
    void runsAsANamedUserOfTheRootfsWithItsHomeAndHostname() throws Exception {
        ContainerInfo info = backend.create(spec("c1", SMALL, List.of(8080), env("FROM", "container")));
        assertTrue(info.containerIp().startsWith("10.254."), info.containerIp());

        // A named user from the rootfs's passwd, a relative dir under its home, env layering and PORT.
        ContainerProcess vcap = backend.run("c1", new ProcessSpec("/bin/sh",
                List.of("-c", "echo \"$(id -u):$(id -g) $(pwd) $HOME $USER $FROM $OWN $PORT $(hostname)\""), "app",
                List.of(env("OWN", "process")), "vcap"));
        assertEquals(0, vcap.exitStatus().get(10, TimeUnit.SECONDS));
        assertTrue(Files.readString(info.path().resolve(ProcessBackend.STDOUT_LOG))
                .endsWith("2000:2000 /home/vcap/app /home/vcap vcap container process 8080 c1\n"));
    }

    @Test
    void badProcessesAndContainers() throws Exception {
        ContainerInfo info = backend.create(spec("c1", SMALL, List.of()));
        // The in-container shell that wires up the logs reports a missing binary like any shell: status 127.
        ContainerProcess missing = backend.run("c1", new ProcessSpec("/no/such/binary", null, null, null));
        assertEquals(127, missing.exitStatus().get(10, TimeUnit.SECONDS));
        assertTrue(Files.readString(info.path().resolve(ProcessBackend.STDERR_LOG)).contains("not found"));
        assertThrows(BackendException.class, () -> backend.run("c1", new ProcessSpec("true", null, null, null,
                "nobody-here")));
        assertThrows(BackendException.class, () -> backend.create(new ContainerSpec("c2", "docker:///busybox",
                null, null)));
        assertFalse(Files.exists(workDir.resolve("containers/c2")), "a failed create leaves nothing");
        // A stack the cell has no directory for: a reason an operator can act on, and nothing left behind.
        BackendException unknown = assertThrows(BackendException.class, () -> backend.create(
                new ContainerSpec("c3", "preloaded:no-such-stack", null, null)));
        assertTrue(unknown.getMessage().contains("rootfs preloaded:no-such-stack is not available on this cell"),
                unknown.getMessage());
        assertFalse(Files.exists(workDir.resolve("containers/c3")), "a failed create leaves nothing");
    }

    /** That the memory and pid limits are enforced is in the contract (RuncBackendContractIT). */
    @Test
    void limitsAreWrittenToTheContainersCgroups() throws Exception {
        backend.create(spec("mem", SMALL, List.of()));
        assertTrue(servedWarm("mem"), "the limits are written into a warm container's cgroups");
        assertEquals(64 * MB, Long.parseLong(cgroupFile("memory", "mem", "memory.limit_in_bytes", "memory.max")));
        assertEquals(10, Long.parseLong(cgroupFile("cpu", "mem", "cpu.shares", null)));
        assertEquals("20", cgroupFile("pids", "mem", "pids.max", "pids.max"));
    }

    @Test
    void theDiskLimitHoldsWhatIsWrittenAndTheWarmPoolFollowsIt() throws Exception {
        assertTrue(backend.limitsDisk(), "this host has loop devices and mkfs.ext4");
        ContainerLimits disk16 = new ContainerLimits(64 * MB, 16 * MB, 0, 10);
        ContainerInfo info = backend.create(spec("disk", disk16, List.of()));
        assertFalse(servedWarm("disk"), "the pool held containers of the default disk limit");
        assertTrue(RootfsLayer.isMounted(info.path().resolve("scratch")), "the writable layer has its own disk");

        // The whole limit can be written, as vcap through the overlay; more cannot, by vcap or root.
        assertEquals(0, shell("disk", "vcap", "dd if=/dev/zero of=fill bs=1M count=16 && sync"));
        assertEquals(1, shell("disk", "vcap", "dd if=/dev/zero of=more bs=1M count=8"));
        assertEquals(1, shell("disk", "root", "dd if=/dev/zero of=/root-more bs=1M count=8"));
        assertTrue(Files.readString(info.path().resolve(ProcessBackend.STDERR_LOG)).contains("No space left on device"));
        long used = backend.usage("disk").diskBytes();
        assertTrue(used >= 16 * MB && used <= 18 * MB, "counts what was written, not the image: " + used);
        // Freed space can be written again: the limit is on what the layer holds.
        assertEquals(0, shell("disk", "vcap", "rm -f fill more && dd if=/dev/zero of=again bs=1M count=8"));

        // One create of another disk limit leaves the pool as it is (a staging task among an app's instances)...
        assertTrue(backend.awaitWarmContainers(Duration.ofSeconds(30)));
        backend.create(spec("default-disk", SMALL, List.of()));
        assertTrue(servedWarm("default-disk"), "the pool still holds the default disk limit");
        // ...two in a row switch it: the next such create is served warm.
        backend.create(spec("disk-2", disk16, List.of()));
        backend.create(spec("disk-3", disk16, List.of()));
        assertFalse(servedWarm("disk-3"));
        assertTrue(backend.awaitWarmContainers(Duration.ofSeconds(30)));
        backend.create(spec("disk-4", disk16, List.of()));
        assertTrue(servedWarm("disk-4"), "served warm with the disk limit it asked for");
        assertEquals(1, shell("disk-4", "vcap", "dd if=/dev/zero of=fill bs=1M count=20"));

        // No limit: the layer stays in the bundle, on the work dir's filesystem.
        ContainerInfo unlimited = backend.create(spec("no-disk", new ContainerLimits(64 * MB, 0, 0, 10), List.of()));
        assertFalse(Files.exists(unlimited.path().resolve("scratch")));
        assertEquals(0, shell("no-disk", "vcap", "dd if=/dev/zero of=fill bs=1M count=20"));

        Path bundle = info.path();
        backend.destroy("disk");
        assertFalse(RootfsLayer.isMounted(bundle.resolve("scratch")), "scratch disk unmounted");
        assertFalse(Files.exists(bundle), "its image went with the bundle");
        assertEquals("", HostCommand.check(List.of("losetup", "-j", bundle.resolve("disk.img").toString())),
                "no loop device left on it");
    }

    /** The agent holds no thread (nor child) per running process: exits come from one watcher (docs/07 §2). */
    @Test
    void runningProcessesHoldNoThreadOrChildOfTheAgentEach() throws Exception {
        // SMALL's 20 pids would not hold 21 sleeps and their runc execs.
        backend.create(spec("many", new ContainerLimits(64 * MB, RuncBackendConfig.WARM_DISK_BYTES, 0, 10), List.of()));
        ContainerProcess first = backend.run("many", new ProcessSpec("sleep", List.of("300"), null, null));
        int threads = Thread.activeCount();
        List<ContainerProcess> more = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            more.add(backend.run("many", new ProcessSpec("sleep", List.of("300"), null, null)));
        }
        assertTrue(Thread.activeCount() < threads + 5, threads + " → " + Thread.activeCount() + " threads");
        assertEquals(0, ProcessHandle.current().children().filter(p -> p.info().command().orElse("")
                .endsWith("runc")).count(), "no runc exec is the agent's child");

        // Each still reports its own exit: a signal to one, then the stop of the rest.
        backend.signal("many", more.get(3).pid(), true);
        assertEquals(137, more.get(3).exitStatus().get(10, TimeUnit.SECONDS));
        assertFalse(first.exitStatus().isDone());
        backend.stop("many", false);
        assertEquals(143, first.exitStatus().get(10, TimeUnit.SECONDS));
        for (ContainerProcess p : more) {
            assertTrue(p.exitStatus().get(10, TimeUnit.SECONDS) >= 128, "ended by a signal");
        }
    }

    /** Runs {@code script} with sh as {@code user} in the container; its exit status. */
    private int shell(String handle, String user, String script) throws Exception {
        return backend.run(handle, new ProcessSpec("/bin/sh", List.of("-c", script), null, null, user))
                .exitStatus().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aContainerPortIsReachableThroughItsHostPort() throws Exception {
        ContainerInfo info = backend.create(spec("web", SMALL, List.of(8080)));
        int hostPort = info.mappedPorts().get(0).hostPort();
        assertEquals(8080, info.mappedPorts().get(0).containerPort());
        backend.run("web", new ProcessSpec("sh", List.of("-c",
                "mkdir -p /tmp/www && echo hello-from-$(hostname) > /tmp/www/index.html && exec httpd -f -p $PORT "
                        + "-h /tmp/www"), null, null));

        String response = awaitHttp(hostPort, Duration.ofSeconds(10));
        assertTrue(response.startsWith("HTTP/1.") && response.contains(" 200 "), response);
        assertTrue(response.endsWith("hello-from-web\n"), response);
        // The host reaches the container's own address directly as well.
        try (Socket direct = new Socket()) {
            direct.connect(new InetSocketAddress(info.containerIp(), 8080), 2000);
        }
    }

    @Test
    void destroyLeavesNothingBehind() throws Exception {
        ContainerInfo info = backend.create(spec("gone", SMALL, List.of(8080)));
        String id = backend.runcId("gone");
        int hostPort = info.mappedPorts().get(0).hostPort();
        ContainerProcess sleeper = backend.run("gone", new ProcessSpec("sleep", List.of("300"), null, null));
        String hostInterface = Files.readString(info.path().resolve("network.json"))
                .replaceAll(".*\"hostInterface\":\"([^\"]+)\".*", "$1").strip();
        assertTrue(Files.exists(Path.of("/sys/class/net", hostInterface)), hostInterface);
        assertTrue(RootfsLayer.isMounted(info.path().resolve("rootfs")));

        backend.destroy("gone");

        assertEquals(137, sleeper.exitStatus().get(10, TimeUnit.SECONDS));
        assertFalse(Files.exists(info.path()), "bundle removed");
        assertFalse(RootfsLayer.isMounted(info.path().resolve("rootfs")), "rootfs unmounted");
        assertFalse(RootfsLayer.isMounted(info.path().resolve("scratch")), "scratch disk unmounted");
        assertFalse(ContainerNetwork.netnsExists(id), "network namespace removed");
        assertFalse(Files.exists(Path.of("/sys/class/net", hostInterface)), "veth removed");
        for (String controller : List.of("memory", "pids", "cpu")) {
            assertFalse(Files.exists(cgroupDir(controller, id)), controller + " cgroup removed");
        }
        assertEquals(0, ports.inUse(), "host port released");
        assertTrue(awaitRefused(hostPort), "nothing listens on the host port any more");
        assertEquals(List.of(), backend.list());
        backend.destroy("gone"); // idempotent
    }

    @Test
    void aCreateFailingBesideItsNetworkSetupLeavesNothingBehind() throws Exception {
        // The rootfs fails while the namespace and veth are being made beside it: both must go again.
        RuncBackend broken = new RuncBackend(new RuncBackendConfig(workDir, "127.0.0.1",
                Map.of("broken", workDir.resolve("no-such-rootfs")), null, null, null, "diego-it",
                Duration.ofMillis(500)), ports, timers);
        List<String> interfacesBefore = dgInterfaces();
        BackendException e = assertThrows(BackendException.class, () -> broken.create(
                new ContainerSpec("half", "preloaded:broken", List.of(), List.of(8080), SMALL)));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(ContainerNetwork.netnsExists("half"), "network namespace removed");
        assertEquals(interfacesBefore, dgInterfaces(), "no veth left");
        assertFalse(Files.exists(workDir.resolve("containers/half")), "no bundle left");
        assertEquals(0, ports.inUse());
        broken.close();
    }

    private static List<String> dgInterfaces() throws IOException {
        try (var links = Files.list(Path.of("/sys/class/net"))) {
            return links.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("dg")).sorted().toList();
        }
    }

    @Test
    void aRestartedAgentFindsAndDestroysLeftovers() throws Exception {
        // Without warm containers here: the earlier backend is not dead, and its pool would be leftovers too.
        backend.close();
        backend = backend(Duration.ofMillis(500), 0);
        backend.create(spec("left", SMALL, List.of(8080)));
        backend.run("left", new ProcessSpec("sleep", List.of("300"), null, null));
        assertThrows(BackendException.class, () -> backend.run("nope", new ProcessSpec("true", null, null, null)));

        RuncBackend restarted = backend(Duration.ofMillis(500), 0);
        assertEquals(List.of("left"), restarted.list());
        restarted.destroy("left");
        restarted.close();

        assertEquals(List.of(), restarted.list());
        assertFalse(ContainerNetwork.netnsExists("left"));
        assertFalse(Files.exists(cgroupDir("memory", "left")));
    }

    @Test
    void theExecutorRunsAnInstanceWithItsLimitsAndNetworkEnvironment() throws Exception {
        CellExecutor executor = new CellExecutor(backend, new Resources(1024, 1024, 4), Clock.systemUTC());
        List<Container> completed = new CopyOnWriteArrayList<>();
        executor.onCompletion(completed::add);
        executor.reserve("instance-1", Map.of(), new Resources(64, 128, 1));

        Container running = executor.run("instance-1", new RunRequest("preloaded:cflinuxfs4", List.of(), List.of(8080),
                new RunAction("/bin/sh", List.of("-c", "env > /tmp/env; exec httpd -f -p $PORT -h /tmp"), null,
                        List.of(), "vcap"), 30));

        assertEquals(ContainerState.RUNNING, running.state());
        ContainerInfo info = running.info();
        int hostPort = info.mappedPorts().get(0).hostPort();
        assertTrue(awaitHttp(hostPort, Duration.ofSeconds(10)).contains(" 404 "),
                "httpd (with nothing to serve) answers through the host port");
        String env = Files.readString(info.path().resolve("rootfs/tmp/env"));
        assertTrue(env.contains("PORT=8080\n"), env);
        assertTrue(env.contains("CF_INSTANCE_PORT=" + hostPort + "\n"), env);
        assertTrue(env.contains("CF_INSTANCE_ADDR=127.0.0.1:" + hostPort + "\n"), env);
        assertTrue(env.contains("CF_INSTANCE_INTERNAL_IP=" + info.containerIp() + "\n"), env);
        assertTrue(env.contains("USER=vcap\n"), env);
        assertEquals(64 * MB, Long.parseLong(cgroupFile("memory", "instance-1", "memory.limit_in_bytes",
                "memory.max")));
        assertEquals("30", cgroupFile("pids", "instance-1", "pids.max", "pids.max"));

        executor.stop("instance-1");
        for (int i = 0; i < 500 && completed.isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertTrue(completed.get(0).result().stopped(), completed.toString());
        executor.destroy("instance-1");
        assertEquals(List.of(), backend.list());
    }

    @Test
    void theExecutorReportsAnInstanceKilledForMemoryAsOutOfMemory() throws Exception {
        CellExecutor executor = new CellExecutor(backend, new Resources(1024, 1024, 4), Clock.systemUTC());
        List<Container> completed = new CopyOnWriteArrayList<>();
        executor.onCompletion(completed::add);
        executor.reserve("instance-oom", Map.of(), new Resources(64, 128, 1));

        executor.run("instance-oom", new RunRequest("preloaded:cflinuxfs4", List.of(), List.of(),
                new RunAction("/bin/sh", List.of("-c", "x=$(head -c 128m /dev/zero | tr '\\0' a); echo survived"),
                        null, List.of(), "vcap"), 30));
        for (int i = 0; i < 6000 && completed.isEmpty(); i++) {
            Thread.sleep(10);
        }

        assertEquals(1, completed.size(), "the hog was not killed within a minute");
        assertTrue(completed.get(0).result().failed(), completed.toString());
        String reason = completed.get(0).result().failureReason();
        assertTrue(reason.endsWith(": Exited with status 137 (out of memory)"), reason);
        executor.destroy("instance-oom");
        assertEquals(List.of(), backend.list());
    }

    @Test
    void filesStreamInAsTheirUserAndLinksResolveInsideTheRootfs() throws Exception {
        ContainerInfo info = backend.create(spec("files", SMALL, List.of()));
        Path rootfs = info.path().resolve("rootfs");
        backend.streamIn("files", "app", "vcap", new ByteArrayInputStream(SampleArchives.tar()));

        Path app = rootfs.resolve("home/vcap/app");
        for (Path p : List.of(app, app.resolve("bin"), app.resolve("bin/run.sh"), app.resolve("data/greeting.txt"))) {
            assertEquals(2000, Files.getAttribute(p, "unix:uid"), p.toString());
            assertEquals(2000, Files.getAttribute(p, "unix:gid"), p.toString());
        }
        ContainerProcess writes = backend.run("files", new ProcessSpec("sh", List.of("-c",
                "echo more >> app/data/greeting.txt && app/bin/run.sh"), null, null, "vcap"));
        assertEquals(0, writes.exitStatus().get(10, TimeUnit.SECONDS), "the user owns what was streamed in");
        try (InputStream in = backend.readFile("files", "app/data/greeting.txt", "vcap")) {
            assertEquals("hellomore\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }

        backend.streamIn("files", "/tmp/lifecycle", new ByteArrayInputStream(SampleArchives.tar()));
        assertEquals(0, Files.getAttribute(rootfs.resolve("tmp/lifecycle/bin/run.sh"), "unix:uid"), "root by default");

        // Links a container makes point into its own tree, never at the host's.
        ContainerProcess links = backend.run("files", new ProcessSpec("sh", List.of("-c",
                "ln -s /etc/passwd /tmp/passwd && ln -s /../../.. /tmp/up"), null, null));
        assertEquals(0, links.exitStatus().get(10, TimeUnit.SECONDS));
        try (InputStream in = backend.readFile("files", "/tmp/passwd")) {
            assertEquals(Files.readString(rootfs.resolve("etc/passwd")), new String(in.readAllBytes(),
                    StandardCharsets.UTF_8));
        }
        backend.streamIn("files", "/tmp/up/landed", null, new ByteArrayInputStream(SampleArchives.tar()));
        assertTrue(Files.exists(rootfs.resolve("landed/bin/run.sh")), "the link resolved at the container's root");
        assertThrows(BackendException.class, () -> backend.readFile("files", "/no/such/file"));
        assertThrows(BackendException.class, () -> backend.streamIn("nope", "/tmp", null,
                new ByteArrayInputStream(SampleArchives.tar())));
    }

    @Test
    void theExecutorRunsARecipeDownloadingAsTheUserAndCheckingTheContainersAddress() throws Exception {
        try (FileServer files = new FileServer()) {
            files.serve("/app.tar", SampleArchives.tar(), null, null);
            CellExecutor executor = new CellExecutor(backend, new Resources(1024, 1024, 4), Clock.systemUTC());
            List<Container> running = new CopyOnWriteArrayList<>();
            List<Container> completed = new CopyOnWriteArrayList<>();
            executor.onRunning(running::add);
            executor.onCompletion(completed::add);
            executor.reserve("instance-2", Map.of(), new Resources(64, 128, 1));
            Recipe recipe = new Recipe(List.of(),
                    Action.of(new DownloadAction("app", files.uri("/app.tar").toString(), ".", null, null, "vcap",
                            null, null)),
                    Action.of(new RunAction("/bin/sh", List.of("-c",
                            "sleep 1; cat data/greeting.txt > /tmp/seen; exec httpd -f -p $PORT -h /tmp"), null,
                            List.of(), "vcap")),
                    null, new CheckDefinition(List.of(new Check(new TcpCheck(8080, 0, 0), null)), null, List.of()),
                    20_000, "", "");

            Container created = executor.run("instance-2", new RunRequest("preloaded:cflinuxfs4", List.of(),
                    List.of(8080), recipe, 30));

            assertEquals(ContainerState.CREATED, created.state(), "not running before the startup check passes");
            for (int i = 0; i < 1500 && running.isEmpty() && completed.isEmpty(); i++) {
                Thread.sleep(10);
            }
            assertEquals(List.of(), completed);
            assertEquals(ContainerState.RUNNING, running.get(0).state());
            assertTrue(running.get(0).routable());
            Path rootfs = running.get(0).info().path().resolve("rootfs");
            assertEquals(2000, Files.getAttribute(rootfs.resolve("home/vcap/data/greeting.txt"), "unix:uid"),
                    "downloaded as the action's user into its home");
            assertEquals("hello", Files.readString(rootfs.resolve("tmp/seen")));
            assertEquals("30", cgroupFile("pids", "instance-2", "pids.max", "pids.max"));

            executor.stop("instance-2");
            for (int i = 0; i < 500 && completed.isEmpty(); i++) {
                Thread.sleep(10);
            }
            assertTrue(completed.get(0).result().stopped(), completed.toString());
            executor.destroy("instance-2");
            assertEquals(List.of(), backend.list());
        }
    }

    @Test
    void runsEchoInAContainerFromAnOciImageBuiltFromTheRootfs() throws Exception {
        Path layout = workDir.resolve("layouts/busybox");
        ImageFixtures.ociLayout(layout, "it", ImageFixtures.config(List.of("GREETING=from-image"), "/tmp", ""),
                List.of(ImageFixtures.layerOf(ROOTFS)));
        backend.close();
        backend = new RuncBackend(new RuncBackendConfig(workDir, "127.0.0.1", Map.of(), null, null, null, "diego-it",
                Duration.ofMillis(500), Map.of("busybox:it", layout)), ports, timers);

        backend.create(new ContainerSpec("img", "docker:///busybox#it", null, null, SMALL));
        ContainerProcess echo = backend.run("img", new ProcessSpec("sh", List.of("-c", "echo $GREETING $(pwd)"),
                null, null), ProcessOptions.OWN_STREAMS);

        assertEquals(0, echo.exitStatus().get(10, TimeUnit.SECONDS));
        assertEquals("from-image /tmp\n", new String(echo.stdout().readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(Files.isDirectory(workDir.resolve("images")), "unpacked under the work dir");
    }

    /** Not an assertion: what create, a short process and destroy cost here, for the docs. */
    @Test
    void aWarmContainerTakesTheHandlesNameHostsFileAndLimitsAndIsReplaced() throws Exception {
        ContainerInfo info = backend.create(spec("web_1", SMALL, List.of(8080)));
        String id = backend.runcId("web_1");
        assertTrue(servedWarm("web_1"), id);
        assertEquals(workDir.resolve("containers").resolve(id), info.path(), "the warm container's bundle");
        assertEquals(List.of("web_1"), backend.list(), "listed by handle; the pool's own containers are not");

        ContainerProcess names = backend.run("web_1", new ProcessSpec("sh", List.of("-c",
                "hostname; grep -c warm- /etc/hosts; grep \" web_1$\" /etc/hosts"), null, null),
                ProcessOptions.OWN_STREAMS);
        assertEquals(0, names.exitStatus().get(10, TimeUnit.SECONDS));
        assertEquals("web_1\n0\n" + info.containerIp() + " web_1\n",
                new String(names.stdout().readAllBytes(), StandardCharsets.UTF_8), "a name hostname(1) would refuse");
        assertEquals(64 * MB, Long.parseLong(cgroupFile("memory", "web_1", "memory.limit_in_bytes", "memory.max")));
        if (Files.exists(cgroupDir("memory", id).resolve("memory.memsw.limit_in_bytes"))) {
            assertEquals(64 * MB, Long.parseLong(cgroupFile("memory", "web_1", "memory.memsw.limit_in_bytes", null)));
        }
        assertEquals("20", cgroupFile("pids", "web_1", "pids.max", "pids.max"));
        assertTrue(awaitHttpServedBy(info, "web_1"));

        // The pool is refilled in the background, and the next create gets a container of its own.
        assertTrue(backend.awaitWarmContainers(Duration.ofSeconds(30)));
        assertEquals(2, warmBundles().size(), "the taken one and its replacement");
        ContainerInfo second = backend.create(spec("web-2", SMALL, List.of()));
        assertTrue(servedWarm("web-2"));
        assertNotEquals(id, backend.runcId("web-2"));
        assertNotEquals(info.containerIp(), second.containerIp());
        assertEquals(List.of("web-2", "web_1"), backend.list());
    }

    @Test
    void aWarmContainerThatCannotBeUsedIsDestroyedAndTheCreateGoesCold() throws Exception {
        Path warm = warmBundles().get(0);
        long init = Long.parseLong(Files.readString(warm.resolve("init.pid")).strip());
        assertEquals(0, new ProcessBuilder("kill", "-9", Long.toString(init)).start().waitFor());

        backend.create(spec("cold", SMALL, List.of()));

        assertEquals("cold", backend.runcId("cold"), "created under its handle");
        assertFalse(Files.exists(warm), "the broken warm container is gone");
        assertFalse(ContainerNetwork.netnsExists(warm.getFileName().toString()));
        assertEquals("20", cgroupFile("pids", "cold", "pids.max", "pids.max"));
        assertEquals(List.of("cold"), backend.list());
    }

    @Test
    void closeAndARestartedAgentLeaveNoWarmContainerBehind() throws Exception {
        backend.create(spec("kept", SMALL, List.of(8080)));
        String taken = backend.runcId("kept");
        backend.run("kept", new ProcessSpec("sleep", List.of("300"), null, null));
        assertTrue(backend.awaitWarmContainers(Duration.ofSeconds(30)));
        List<Path> bundles = warmBundles();
        assertEquals(2, bundles.size());
        assertTrue(bundles.contains(workDir.resolve("containers").resolve(taken)), bundles.toString());

        // As after a crash: a new backend on the work dir finds the taken one under its handle, the ready one
        // under its own id, and destroys both like any leftover.
        RuncBackend restarted = backend(Duration.ofMillis(500), 0);
        List<String> leftovers = restarted.list();
        assertEquals(2, leftovers.size(), leftovers.toString());
        assertTrue(leftovers.contains("kept"), leftovers.toString());
        leftovers.forEach(restarted::destroy);
        restarted.close();
        assertNothingLeftOf(bundles);
        assertEquals(List.of(), restarted.list());
        backend.close(); // the stale backend's pool: already gone, nothing to fail on

        // close() destroys the warm containers nobody took.
        backend = backend(Duration.ofMillis(500), 2);
        assertTrue(backend.awaitWarmContainers(Duration.ofSeconds(60)));
        bundles = warmBundles();
        assertEquals(2, bundles.size());
        backend.close();
        assertNothingLeftOf(bundles);
        assertEquals(List.of(), backend.list());
    }

    /** Not an assertion: what create, a short process and destroy cost here, for the docs. */
    @Test
    void timings() throws Exception {
        long[] warm = time(true);
        backend.close();
        backend = backend(Duration.ofMillis(500), 0);
        long[] cold = time(false);
        String line = String.format("runc backend timings (mean of %d): create %d ms (warm: %d ms), run+exit %d ms, "
                + "destroy %d ms", TIMED_ROUNDS, cold[0], warm[0], cold[1], cold[2]);
        System.out.println(line);
        Files.writeString(Path.of("target/runc-backend-timings.txt"), line + "\n");
    }

    private static final int TIMED_ROUNDS = 5;

    /** Mean create, run+exit and destroy in ms; with {@code warm}, each create once the pool is full. */
    private long[] time(boolean warm) throws Exception {
        long create = 0;
        long run = 0;
        long destroy = 0;
        for (int i = 0; i < TIMED_ROUNDS; i++) {
            if (warm) {
                assertTrue(backend.awaitWarmContainers(Duration.ofSeconds(30)));
            }
            long t0 = System.nanoTime();
            backend.create(spec("t" + i, SMALL, List.of(8080)));
            long t1 = System.nanoTime();
            assertEquals(warm, servedWarm("t" + i));
            assertEquals(0, backend.run("t" + i, new ProcessSpec("true", null, null, null)).exitStatus()
                    .get(10, TimeUnit.SECONDS));
            long t2 = System.nanoTime();
            backend.destroy("t" + i);
            long t3 = System.nanoTime();
            create += t1 - t0;
            run += t2 - t1;
            destroy += t3 - t2;
        }
        return new long[] {create / TIMED_ROUNDS / 1_000_000, run / TIMED_ROUNDS / 1_000_000,
                destroy / TIMED_ROUNDS / 1_000_000};
    }

    /** The bundles of warm containers, taken or not, in the work dir. */
    private List<Path> warmBundles() throws IOException {
        try (var dirs = Files.list(workDir.resolve("containers"))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(RuncBackend.WARM_PREFIX)).sorted().toList();
        }
    }

    /** No bundle, runc state, mount, netns or cgroup of these containers is left. */
    private void assertNothingLeftOf(List<Path> bundles) throws IOException {
        for (Path bundle : bundles) {
            String id = bundle.getFileName().toString();
            assertFalse(Files.exists(bundle), id + " bundle");
            assertFalse(Files.exists(workDir.resolve("runc").resolve(id)), id + " runc state");
            assertFalse(RootfsLayer.isMounted(bundle.resolve("rootfs")), id + " rootfs");
            assertFalse(RootfsLayer.isMounted(bundle.resolve("scratch")), id + " scratch disk");
            assertFalse(ContainerNetwork.netnsExists(id), id + " netns");
            for (String controller : List.of("memory", "pids", "cpu")) {
                assertFalse(Files.exists(cgroupDir(controller, id)), id + " " + controller + " cgroup");
            }
        }
    }

    /** httpd in the container answers through the host port with a page naming the host. */
    private boolean awaitHttpServedBy(ContainerInfo info, String handle) throws Exception {
        backend.run(handle, new ProcessSpec("sh", List.of("-c", "mkdir -p /tmp/www && hostname > /tmp/www/index.html"
                + " && exec httpd -f -p $PORT -h /tmp/www"), null, null));
        return awaitHttp(info.mappedPorts().get(0).hostPort(), Duration.ofSeconds(10)).endsWith("\n" + handle + "\n");
    }

    private RuncBackend backend(Duration grace, int warmContainers) {
        return new RuncBackend(config(workDir, grace).withWarmContainers(warmContainers), ports, timers);
    }

    /** Whether the container runs in a warm container (its runc id, bundle and cgroups are the pool's). */
    private boolean servedWarm(String handle) {
        return backend.runcId(handle).startsWith(RuncBackend.WARM_PREFIX);
    }

    private static RuncBackendConfig config(Path workDir, Duration grace) {
        return new RuncBackendConfig(workDir, "127.0.0.1", Map.of("cflinuxfs4", ROOTFS), null, null, null,
                "diego-it", grace);
    }

    private static ContainerSpec spec(String handle, ContainerLimits limits, List<Integer> ports,
                                      EnvironmentVariable... env) {
        return new ContainerSpec(handle, "preloaded:cflinuxfs4", List.of(env), ports, limits);
    }

    private static EnvironmentVariable env(String name, String value) {
        return new EnvironmentVariable(name, value);
    }

    /** cgroup v1 (one hierarchy per controller) or v2 (one unified hierarchy), by runc id. */
    private static Path cgroupDir(String controller, String id) {
        Path v1 = Path.of("/sys/fs/cgroup", controller);
        return Files.isDirectory(v1) ? v1.resolve("diego-it").resolve(id)
                : Path.of("/sys/fs/cgroup/diego-it").resolve(id);
    }

    /** A file of the cgroup of container {@code handle} (of its warm container if it was served warm). */
    private String cgroupFile(String controller, String handle, String v1File, String v2File)
            throws IOException {
        Path dir = cgroupDir(controller, backend.runcId(handle));
        Path file = dir.resolve(Files.exists(dir.resolve(v1File)) || v2File == null ? v1File : v2File);
        return Files.readString(file).strip();
    }

    /** A closed listener can take a moment to go (the JDK closes it once its accepting thread has noticed). */
    private static boolean awaitRefused(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket late = new Socket("127.0.0.1", port)) {
                Thread.sleep(10);
            } catch (ConnectException e) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    private static String awaitHttp(int port, Duration timeout) throws Exception {
        return BackendContract.awaitHttp("127.0.0.1", port, timeout);
    }
}
