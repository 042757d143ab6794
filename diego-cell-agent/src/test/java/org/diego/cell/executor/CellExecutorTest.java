package org.diego.cell.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.diego.cell.executor.steps.Recipe;
import org.diego.cell.garden.BackendException;
import org.diego.cell.garden.ContainerBackend;
import org.diego.cell.garden.ContainerInfo;
import org.diego.cell.garden.ContainerLimits;
import org.diego.cell.garden.ContainerProcess;
import org.diego.cell.garden.ContainerSpec;
import org.diego.cell.garden.HostPortAllocator;
import org.diego.cell.garden.ProcessBackend;
import org.diego.cell.garden.ProcessSpec;
import org.diego.core.model.RunAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellExecutorTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Resources ONE = new Resources(128, 256, 1);

    @TempDir
    Path root;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<Container> completed = new CopyOnWriteArrayList<>();
    private CellExecutor executor;

    @BeforeEach
    void wire() {
        ProcessBackend backend = new ProcessBackend(root, "127.0.0.1", new HostPortAllocator(), timers,
                Duration.ofSeconds(2));
        executor = new CellExecutor(backend, new Resources(256, 512, 2), Clock.fixed(NOW, ZoneOffset.UTC));
        executor.onCompletion(completed::add);
    }

    @AfterEach
    void cleanUp() {
        executor.list().forEach(c -> executor.destroy(c.guid()));
        timers.shutdownNow();
    }

    @Test
    void reservesUntilTheCellIsFullAndReleasesOnDestroy() {
        assertTrue(executor.reserve("a", Map.of("k", "v"), ONE).isPresent());
        assertTrue(executor.reserve("b", Map.of(), ONE).isPresent());
        assertTrue(executor.reserve("c", Map.of(), new Resources(0, 0, 1)).isEmpty(), "no container slot left");
        assertThrows(IllegalStateException.class, () -> executor.reserve("a", Map.of(), ONE));

        Container a = executor.lookup("a").orElseThrow();
        assertEquals(ContainerState.RESERVED, a.state());
        assertEquals(NOW, a.reservedAt());
        assertEquals(List.of(a), executor.list(Map.of("k", "v")));
        assertEquals(Resources.NONE, executor.remainingResources());

        assertTrue(executor.destroy("a"));
        assertFalse(executor.destroy("a"));
        assertEquals(ONE, executor.remainingResources());
    }

    @Test
    void aContainerRunsAtMostOnce() throws Exception {
        executor.reserve("a", Map.of(), ONE);
        // A sleep length no other test uses, so leftovers of other tests are not counted.
        RunRequest request = sh("exec sleep 3031");

        Container first = executor.run("a", request);
        Container second = executor.run("a", request);

        assertTrue(first.live());
        assertEquals(first.state(), second.state(), "the second run changed nothing");
        awaitState("a", ContainerState.RUNNING);
        // RUNNING can precede the moment /proc shows the child's command line (seen once under CI load).
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (sleepers() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, sleepers());
    }

    private static long sleepers() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("sleep 3031"))
                .filter(p -> p.parent().map(pp -> pp.pid() == ProcessHandle.current().pid()).orElse(false))
                .count();
    }

    @Test
    void aRecipeWithoutAnActionFailsToStartWithItsReasonAndTheCellGoesOn() throws Exception {
        executor.reserve("empty", Map.of(), ONE);

        executor.run("empty", new RunRequest(null, List.of(), List.of(),
                new Recipe(List.of(), null, null, null, null, 0, "", "")));

        Container done = awaitState("empty", ContainerState.COMPLETED);
        assertTrue(done.result().failed());
        assertEquals("container cannot have empty action", done.result().failureReason(), done.result().toString());
        executor.reserve("next", Map.of(), ONE);
        executor.run("next", new RunRequest(null, List.of(), List.of(),
                new RunAction("/bin/sh", List.of("-c", "exit 0"), null, List.of(), null)));
        assertFalse(awaitState("next", ContainerState.COMPLETED).result().failed());
    }

    @Test
    void aProcessThatCannotStartCompletesAsFailed() throws Exception {
        executor.reserve("a", Map.of(), ONE);

        executor.run("a", new RunRequest(null, List.of(), List.of(),
                new RunAction("/no/such/binary", List.of(), null, List.of(), null)));

        Container done = awaitState("a", ContainerState.COMPLETED);
        assertTrue(done.result().failed());
        assertTrue(done.result().failureReason().startsWith("failed to run /no/such/binary"), done.result().toString());
        assertEquals(List.of(done), completed);
    }

    @Test
    void stoppingAReservationCompletesItAsStopped() {
        executor.reserve("a", Map.of(), ONE);

        assertTrue(executor.stop("a"));
        assertFalse(executor.stop("unknown"));

        Container done = executor.lookup("a").orElseThrow();
        assertEquals(ContainerState.COMPLETED, done.state());
        assertTrue(done.result().stopped());
        assertEquals(List.of(done), completed);
        assertEquals(ContainerState.COMPLETED, executor.run("a", sh("exec sleep 30")).state(), "never runs now");
    }

    @Test
    void exitAndStopAreToldApart() throws Exception {
        executor.reserve("crashes", Map.of(), ONE);
        executor.reserve("stopped", Map.of(), ONE);
        executor.run("crashes", sh("exit 7"));
        executor.run("stopped", sh("exec sleep 30"));
        awaitState("stopped", ContainerState.RUNNING);

        executor.stop("stopped");
        for (int i = 0; i < 500 && completed.size() < 2; i++) {
            Thread.sleep(10);
        }

        Container crashed = completed.stream().filter(c -> c.guid().equals("crashes")).findFirst().orElseThrow();
        Container stopped = completed.stream().filter(c -> c.guid().equals("stopped")).findFirst().orElseThrow();
        assertEquals(RunResult.failed("LOG: Exited with status 7", 7), crashed.result());
        assertTrue(stopped.result().stopped());
        assertFalse(stopped.result().failed());
        assertEquals(143, stopped.result().exitStatus(), "SIGTERM");
    }

    @Test
    void destroyedContainersReportNothing() throws Exception {
        executor.reserve("a", Map.of(), ONE);
        executor.run("a", sh("exec sleep 30"));

        executor.destroy("a");
        Thread.sleep(100);

        assertTrue(completed.isEmpty());
        assertTrue(executor.list().isEmpty());
    }

    @Test
    void stopAllTerminatesEveryProcess() throws Exception {
        executor.reserve("a", Map.of(), ONE);
        executor.reserve("b", Map.of(), ONE);
        executor.run("a", sh("exec sleep 30"));
        executor.run("b", sh("trap '' TERM; while true; do sleep 0.05; done"));
        Thread.sleep(100); // let b install its trap

        executor.stopAll(Duration.ofMillis(300));

        for (int i = 0; i < 500 && completed.size() < 2; i++) {
            Thread.sleep(10);
        }
        assertEquals(2, completed.size());
        assertTrue(completed.stream().allMatch(c -> c.result().stopped()));
    }

    @Test
    void theReservationsLimitsAndTheActionsUserReachTheBackend() throws Exception {
        List<ContainerSpec> created = new CopyOnWriteArrayList<>();
        List<ProcessSpec> started = new CopyOnWriteArrayList<>();
        ProcessBackend real = new ProcessBackend(root, "127.0.0.1", new HostPortAllocator(), timers,
                Duration.ofSeconds(2));
        ContainerBackend recording = new ContainerBackend() {
            public ContainerInfo create(ContainerSpec spec) throws BackendException {
                created.add(spec);
                return real.create(spec);
            }

            public ContainerProcess run(String handle, ProcessSpec spec) throws BackendException {
                started.add(spec);
                return real.run(handle, spec);
            }

            public void stop(String handle, boolean kill) {
                real.stop(handle, kill);
            }

            public void destroy(String handle) {
                real.destroy(handle);
            }

            public java.io.InputStream readFile(String handle, String path) throws BackendException {
                return real.readFile(handle, path);
            }

            public List<String> list() {
                return real.list();
            }
        };
        CellExecutor limited = new CellExecutor(recording, new Resources(256, 512, 2), Clock.systemUTC());
        limited.reserve("a", Map.of(), ONE);

        limited.run("a", new RunRequest("preloaded:cflinuxfs4", List.of(), List.of(),
                new RunAction("/bin/true", List.of(), null, List.of(), "vcap"), 42));

        assertEquals(ContainerLimits.forInstance(128, 256, 42), created.get(0).limits());
        assertEquals("vcap", started.get(0).user());
        limited.destroy("a");
    }

    private Container awaitState(String guid, ContainerState state) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            Container c = executor.lookup(guid).orElseThrow();
            if (c.state() == state) {
                return c;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(guid + " never " + state + ": " + executor.lookup(guid));
    }

    private static RunRequest sh(String script) {
        return new RunRequest(null, List.of(), List.of(),
                new RunAction("/bin/sh", List.of("-c", script), null, List.of(), null));
    }
}
