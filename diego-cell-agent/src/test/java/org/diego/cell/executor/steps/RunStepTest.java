package org.diego.cell.executor.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.diego.cell.garden.ContainerInfo;
import org.diego.cell.garden.ContainerSpec;
import org.diego.cell.garden.HostPortAllocator;
import org.diego.cell.garden.ProcessBackend;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.ResourceLimits;
import org.diego.core.model.RunAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run step against real processes of the process backend. */
class RunStepTest {
    @TempDir
    Path root;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final ManualTime time = new ManualTime();
    private ProcessBackend backend;
    private StepTarget target;
    private StepSettings settings;
    private final RecordingLog log = new RecordingLog("LOG");

    @BeforeEach
    void create() throws Exception {
        backend = new ProcessBackend(root.resolve("containers"), "127.0.0.1", new HostPortAllocator(), timers,
                Duration.ofSeconds(2));
        ContainerInfo info = backend.create(new ContainerSpec("c1", null,
                List.of(new EnvironmentVariable("FROM_CONTAINER", "container"),
                        new EnvironmentVariable("OVERRIDDEN", "container")), List.of()));
        target = new StepTarget(backend, "c1", info, List.of(new EnvironmentVariable("CF_INSTANCE_IP", "127.0.0.1")));
        settings = TestSettings.of(time, StepSettings.sharedIo(), root.resolve("cache"));
    }

    @AfterEach
    void destroy() {
        backend.destroy("c1");
        timers.shutdownNow();
    }

    private RunStep step(String script, String source) {
        return step(new RunAction("/bin/sh", List.of("-c", script), null,
                List.of(new EnvironmentVariable("OVERRIDDEN", "action")), null, null, source, false, null));
    }

    private RunStep step(RunAction action) {
        return new RunStep(target, action, log.withSource(action.logSource()), settings, false);
    }

    private static StepError await(CompletableFuture<Void> done) throws Exception {
        try {
            done.get(10, TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return StepError.of(e);
        }
    }

    private Path dir() {
        return root.resolve("containers").resolve("c1");
    }

    @Test
    void aZeroExitSucceedsWithTheEnvironmentMerged() throws Exception {
        RunStep step = step("env > env.txt", null);

        assertNull(await(step.perform()));

        String env = Files.readString(dir().resolve("env.txt"));
        assertTrue(env.contains("FROM_CONTAINER=container\n"), env);
        assertTrue(env.contains("OVERRIDDEN=action\n"), "the action's env wins: " + env);
        assertTrue(env.contains("CF_INSTANCE_IP=127.0.0.1\n"), env);
        assertTrue(step.ready().isDone());
        assertEquals(List.of("out: Exit status 0"), log.lines);
    }

    @Test
    void aNonZeroExitFailsNamingTheLogSource() throws Exception {
        StepError error = await(step("exit 3", "APP/PROC/WEB").perform());

        assertEquals("APP/PROC/WEB: Exited with status 3", error.getMessage());
        assertEquals(3, error.exitStatus());
        assertTrue(error.emittable());
    }

    @Test
    void aProcessThatCannotStartIsAPlainFailure() throws Exception {
        StepError error = await(step(new RunAction("/no/such/binary", List.of(), null, List.of(), null)).perform());

        assertTrue(error.getMessage().startsWith("failed to run /no/such/binary"), error.getMessage());
        assertFalse(error.emittable());
    }

    @Test
    void cancellingSendsSigtermAndEndsAsCancelled() throws Exception {
        RunStep step = step("exec sleep 30", null);
        CompletableFuture<Void> done = step.perform();
        step.ready().get(5, TimeUnit.SECONDS);

        step.cancel();

        StepError error = await(done);
        assertTrue(error.cancellation());
        assertFalse(error.displayable());
        assertEquals(143, error.exitStatus());
    }

    @Test
    void aProcessIgnoringSigtermIsKilledAfterTheGracefulShutdownInterval() throws Exception {
        RunStep step = step("trap '' TERM; echo trapped > trapped; while true; do sleep 0.05; done", null);
        CompletableFuture<Void> done = step.perform();
        for (int i = 0; i < 500 && !Files.exists(dir().resolve("trapped")); i++) {
            Thread.sleep(10);
        }

        step.cancel();
        Thread.sleep(200);
        assertFalse(done.isDone(), "SIGTERM is ignored");
        time.advance(Duration.ofSeconds(1));

        StepError error = await(done);
        assertEquals("exceeded graceful shutdown interval", error.getMessage());
        assertTrue(log.lines.contains("out: Exit status 137 (exceeded 1s graceful shutdown interval)"), log.lines.toString());
    }

    @Test
    void nofileIsAppliedAndOutputCanBeSuppressed() throws Exception {
        RunAction limited = new RunAction("/bin/sh", List.of("-c", "ulimit -n > nofile.txt; echo visible"), null,
                List.of(), new ResourceLimits(256L, null), null, null, false, null);
        assertNull(await(step(limited).perform()));
        assertEquals("256", Files.readString(dir().resolve("nofile.txt")).strip());
        assertTrue(Files.readString(dir().resolve(ProcessBackend.STDOUT_LOG)).contains("visible"));

        RunAction quiet = new RunAction("/bin/sh", List.of("-c", "echo hidden; echo hidden >&2"), null, List.of(),
                null, null, null, true, null);
        log.lines.clear();
        assertNull(await(step(quiet).perform()));
        assertFalse(Files.readString(dir().resolve(ProcessBackend.STDOUT_LOG)).contains("hidden"));
        assertTrue(log.lines.isEmpty(), "not even the exit status: " + log.lines);
    }

    @Test
    void aNonZeroExitAfterAnOomKillSaysOutOfMemory() throws Exception {
        EventfulBackend oom = new EventfulBackend(backend);
        target = new StepTarget(oom, "c1", target.info(), target.networkEnv());

        StepError plain = await(step("exit 137", "APP/PROC/WEB").perform());
        assertEquals("APP/PROC/WEB: Exited with status 137", plain.getMessage(), "no event, no reason");

        oom.events.add("Out of memory"); // the other spelling Diego accepts
        log.lines.clear();
        StepError killed = await(step("exit 137", "APP/PROC/WEB").perform());
        assertEquals("APP/PROC/WEB: Exited with status 137 (out of memory)", killed.getMessage());
        assertEquals(137, killed.exitStatus());
        assertTrue(killed.emittable());
        assertEquals(List.of("out: Exit status 137 (out of memory)"), log.lines);

        log.lines.clear();
        assertNull(await(step("exit 0", "APP/PROC/WEB").perform()), "a zero exit succeeds whatever the events");
        assertEquals(List.of("out: Exit status 0"), log.lines);
    }
}
