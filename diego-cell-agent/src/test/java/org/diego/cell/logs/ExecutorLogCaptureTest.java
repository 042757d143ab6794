package org.diego.cell.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.diego.cell.executor.CellExecutor;
import org.diego.cell.executor.Resources;
import org.diego.cell.executor.RunRequest;
import org.diego.cell.executor.steps.Recipe;
import org.diego.cell.garden.HostPortAllocator;
import org.diego.cell.garden.ProcessBackend;
import org.diego.core.model.Action;
import org.diego.core.model.EmitProgressAction;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.RunAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor's hook on the process backend: a real process's output and the progress lines arrive. */
class ExecutorLogCaptureTest {
    @TempDir
    Path root;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    @Test
    void forwardsProgressAndProcessOutputTaggedWithSourceAndIndex() throws Exception {
        ProcessBackend backend = new ProcessBackend(root, "127.0.0.1", new HostPortAllocator(), timers,
                Duration.ofSeconds(1));
        CellExecutor executor = new CellExecutor(backend, new Resources(256, 512, 2), Clock.systemUTC());
        RecordingSink sink = new RecordingSink();
        LogCapture capture = new LogCapture(sink, Clock.systemUTC(), 64 * 1024, 64 * 1024);
        executor.useLogs(capture);
        CountDownLatch done = new CountDownLatch(1);
        executor.onCompletion(c -> done.countDown());

        RunAction run = new RunAction("/bin/sh", List.of("-c", "echo hello; echo oops >&2; printf partial"), "",
                List.of(), null, "", "APP/PROC/WEB", false, List.of());
        Action action = Action.of(new EmitProgressAction(Action.of(run), "Starting app", "App exited", "Failed",
                ""));
        Recipe recipe = new Recipe(List.of(), null, action, null, null, 0, "log-guid", "CELL");
        executor.reserve("ig", Map.of("process-guid", "pg", "process-index", "4"), new Resources(64, 64, 1));
        executor.run("ig", new RunRequest("", List.of(new EnvironmentVariable("INSTANCE_INDEX", "4")), List.of(),
                recipe));
        assertTrue(done.await(10, TimeUnit.SECONDS));
        capture.pollAll();
        executor.destroy("ig");

        List<String> lines = sink.described();
        assertTrue(lines.containsAll(List.of("CELL/4 OUT Starting app", "APP/PROC/WEB/4 OUT hello",
                "APP/PROC/WEB/4 ERR oops", "APP/PROC/WEB/4 OUT partial", "APP/PROC/WEB/4 OUT Exit status 0",
                "CELL/4 OUT App exited")), lines.toString());
        assertTrue(sink.lines.stream().allMatch(e -> e.logGuid().equals("log-guid")));
        assertEquals(0, capture.followed());
    }
}
