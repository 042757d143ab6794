package org.diego.cell.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.diego.cell.archive.SampleArchives;
import org.diego.cell.executor.steps.ManualTime;
import org.diego.cell.executor.steps.Recipe;
import org.diego.cell.executor.steps.TestSettings;
import org.diego.cell.executor.transfer.FileServer;
import org.diego.cell.garden.HostPortAllocator;
import org.diego.cell.garden.ProcessBackend;
import org.diego.core.model.Action;
import org.diego.core.model.CachedDependency;
import org.diego.core.model.Check;
import org.diego.core.model.CheckDefinition;
import org.diego.core.model.DownloadAction;
import org.diego.core.model.RunAction;
import org.diego.core.model.TcpCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LRP step tree through the executor: setup and dependencies first, RUNNING only once the startup
 * check passes, crashes when it never does or when liveness fails, readiness toggling routable. Checks and
 * timers run on a manual clock (probes run inline), processes are real.
 */
class HealthCheckedContainersTest {
    private static final Resources ONE = new Resources(64, 64, 1);

    @TempDir
    Path root;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final ManualTime time = new ManualTime();
    private final List<Container> running = new CopyOnWriteArrayList<>();
    private final List<Container> completed = new CopyOnWriteArrayList<>();
    private CellExecutor executor;

    @BeforeEach
    void wire() {
        ProcessBackend backend = new ProcessBackend(root.resolve("containers"), "127.0.0.1", new HostPortAllocator(),
                timers, Duration.ofSeconds(2));
        executor = new CellExecutor(backend, new Resources(256, 256, 4), time,
                TestSettings.of(time, Runnable::run, root.resolve("cache")));
        executor.onRunning(running::add);
        executor.onCompletion(completed::add);
    }

    @AfterEach
    void cleanUp() {
        executor.list().forEach(c -> executor.destroy(c.guid()));
        timers.shutdownNow();
    }

    private static Action sh(String script) {
        return Action.of(new RunAction("/bin/sh", List.of("-c", script), null, List.of(), null));
    }

    private static CheckDefinition tcp(List<Integer> checkPorts, List<Integer> readinessPorts) {
        return new CheckDefinition(checkPorts.stream().map(p -> new Check(new TcpCheck(p, 0, 0), null)).toList(), null,
                readinessPorts.stream().map(p -> new Check(new TcpCheck(p, 0, 1000), null)).toList());
    }

    private Container run(Recipe recipe) {
        executor.reserve("lrp", Map.of(), ONE);
        return executor.run("lrp", new RunRequest(null, List.of(), List.of(), recipe));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress("127.0.0.1", port));
        return s;
    }

    private Container awaitCompleted() throws InterruptedException {
        for (int i = 0; i < 500 && completed.isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertEquals(1, completed.size(), "completed once");
        return completed.get(0);
    }

    private Path dir() {
        return root.resolve("containers").resolve("lrp");
    }

    @Test
    void aLoneRunActionIsRunningAsSoonAsItStarts() {
        Container c = run(Recipe.of(sh("exec sleep 30")));

        assertEquals(ContainerState.RUNNING, c.state());
        assertEquals(1, running.size());
        assertTrue(running.get(0).routable());
    }

    @Test
    void theStartupCheckGatesRunningAndLivenessFailureCrashes() throws Exception {
        int port = freePort();
        Recipe recipe = new Recipe(List.of(), null, sh("exec sleep 30"), null, tcp(List.of(port), List.of()), 60_000,
                "", "");

        assertEquals(ContainerState.CREATED, run(recipe).state(), "the first probe found nothing listening");
        time.advance(Duration.ofSeconds(4));
        assertTrue(running.isEmpty());

        try (ServerSocket app = listen(port)) {
            time.advance(Duration.ofSeconds(2));
            assertEquals(ContainerState.RUNNING, executor.lookup("lrp").orElseThrow().state());
            assertEquals(1, running.size());
            time.advance(Duration.ofSeconds(60));
            assertTrue(completed.isEmpty(), "liveness passes every 30 s");
        }
        time.advance(Duration.ofSeconds(30));

        Container crashed = awaitCompleted();
        assertTrue(crashed.result().failed());
        assertEquals("Instance became unhealthy: Liveness check unsuccessful: failed to make TCP connection to 127.0.0.1:"
                + port + ": dial tcp 127.0.0.1:" + port + ": connect: connection refused", crashed.result().failureReason());
    }

    @Test
    void aStartupCheckThatNeverPassesCrashesAfterTheStartTimeout() throws Exception {
        int port = freePort();
        run(new Recipe(List.of(), null, sh("exec sleep 30"), null, tcp(List.of(port), List.of()), 10_000, "", ""));

        time.advance(Duration.ofSeconds(10));

        Container crashed = awaitCompleted();
        assertTrue(running.isEmpty(), "never RUNNING");
        assertEquals("Instance never healthy after 10s: Timed out after 10s (5 attempts) waiting for startup check to "
                + "succeed: failed to make TCP connection to 127.0.0.1:" + port + ": dial tcp 127.0.0.1:" + port
                + ": connect: connection refused", crashed.result().failureReason());
    }

    @Test
    void aLegacyMonitorPollsUntilHealthyThenWatchesLiveness() throws Exception {
        Recipe recipe = new Recipe(List.of(), null, sh("exec sleep 30"), sh("test -f healthy"), null, 60_000, "", "");
        run(recipe);
        time.runNext(); // t=2 s: not healthy yet
        time.awaitPending(); // that check has failed and the next is due at 4 s
        assertTrue(running.isEmpty());
        Files.writeString(dir().resolve("healthy"), "");

        time.runNext(); // t=4 s
        for (int i = 0; i < 500 && running.isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertEquals(1, running.size());
        assertEquals(Duration.ofSeconds(4), time.elapsed());

        Files.delete(dir().resolve("healthy"));
        time.runNext(); // t=34 s: liveness after one healthy interval

        Container crashed = awaitCompleted();
        assertEquals(Duration.ofSeconds(34), time.elapsed());
        assertEquals("Instance became unhealthy: ", crashed.result().failureReason(),
                "a monitor's exit status is suppressed and its output not captured");
    }

    @Test
    void aLegacyMonitorThatNeverPassesCrashesOnceTheStartTimeoutHasPassed() throws Exception {
        run(new Recipe(List.of(), null, sh("exec sleep 30"), sh("exit 1"), null, 5_000, "", ""));

        for (int i = 0; i < 500 && completed.isEmpty(); i++) {
            if (time.pending() > 0) {
                time.runNext();
            }
            Thread.sleep(20);
        }

        assertEquals("Instance never healthy after 6s: ", awaitCompleted().result().failureReason(),
                "the first failure after the 5 s timeout is final");
        assertTrue(running.isEmpty());
    }

    @Test
    void readinessChecksToggleRoutable() throws Exception {
        int port = freePort();
        run(new Recipe(List.of(), null, sh("exec sleep 30"), null, tcp(List.of(), List.of(port)), 0, "", ""));
        assertEquals(1, running.size(), "running at once: no startup check");
        assertFalse(running.get(0).routable(), "not routable until ready");

        try (ServerSocket app = listen(port)) {
            time.advance(Duration.ofSeconds(2));
            assertEquals(2, running.size());
            assertTrue(running.get(1).routable());
            assertTrue(executor.lookup("lrp").orElseThrow().routable());
        }
        time.advance(Duration.ofSeconds(1));

        assertEquals(3, running.size());
        assertFalse(running.get(2).routable());
        assertTrue(completed.isEmpty(), "readiness never crashes the instance");
    }

    @Test
    void dependenciesAndSetupRunBeforeTheAction() throws Exception {
        try (FileServer server = new FileServer()) {
            server.serve("/lifecycle.tgz", SampleArchives.gzip(SampleArchives.tar()), "\"l1\"", null);
            server.serve("/droplet.tar", SampleArchives.tar(), null, null);
            CachedDependency lifecycle = new CachedDependency("lifecycle", server.uri("/lifecycle.tgz").toString(),
                    "lifecycle", "lifecycle-key", null, null, null);
            Action setup = Action.of(new DownloadAction("droplet", server.uri("/droplet.tar").toString(), "app", null,
                    null, "vcap", null, null));
            run(new Recipe(List.of(lifecycle), setup, sh("lifecycle/bin/run.sh > out.txt; cat app/data/greeting.txt "
                    + ">> out.txt; exec sleep 30"), null, null, 0, "", ""));

            assertEquals(1, running.size(), "downloads run inline here, so the action already runs");
            Path out = dir().resolve("out.txt");
            for (int i = 0; i < 500 && !(Files.exists(out) && Files.readString(out).contains("hello")); i++) {
                Thread.sleep(10);
            }
            assertEquals("hi\nhello", Files.readString(out).strip());
        }
    }

    @Test
    void stoppingDuringStartupCompletesAsStopped() throws Exception {
        int port = freePort();
        run(new Recipe(List.of(), null, sh("exec sleep 30"), null, tcp(List.of(port), List.of()), 60_000, "", ""));

        executor.stop("lrp");

        Container stopped = awaitCompleted();
        assertTrue(stopped.result().stopped());
        assertFalse(stopped.result().failed());
        assertEquals(0, time.pending(), "no check keeps polling");
    }
}
