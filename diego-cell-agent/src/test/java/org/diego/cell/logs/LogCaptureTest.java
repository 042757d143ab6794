package org.diego.cell.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.diego.cell.executor.RunRequest;
import org.diego.cell.executor.steps.Recipe;
import org.diego.cell.executor.steps.StepLog;
import org.diego.cell.garden.ContainerInfo;
import org.diego.core.model.Action;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.RunAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogCaptureTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(10, 5), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private final RecordingSink sink = new RecordingSink();
    private final LogCapture capture = new LogCapture(sink, CLOCK, 64 * 1024, 1024);

    private static RunRequest request(String logGuid, String index) {
        Action action = Action.of(new RunAction("/bin/app", List.of(), "", List.of(), null, "", "APP/PROC/WEB", false,
                List.of()));
        Recipe recipe = new Recipe(List.of(), null, action, null, null, 0, logGuid, "CELL");
        List<EnvironmentVariable> env = index == null ? List.of()
                : List.of(new EnvironmentVariable("INSTANCE_INDEX", index));
        return new RunRequest("preloaded:busybox", env, List.of(), recipe);
    }

    private StepLog start(String logGuid, String index) {
        ContainerInfo info = new ContainerInfo("c1", dir, "10.0.0.1", "10.0.0.1", List.of());
        return capture.started("c1", Map.of(), request(logGuid, index), info,
                StepLog.forContainer("c1", logGuid, "CELL"));
    }

    private void append(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    @Test
    void progressLinesGoToTheStreamUnderTheStepsSource() {
        StepLog log = start("lg", "3");
        log.out("Downloading app...");
        log.withSource("HEALTH").err("Instance became unhealthy: boom");
        assertEquals(List.of("CELL/3 OUT Downloading app...", "HEALTH/3 ERR Instance became unhealthy: boom"),
                sink.described());
        assertEquals("lg", sink.lines.get(0).logGuid());
        assertEquals(10_000_000_005L, sink.lines.get(0).timestampNs());
    }

    @Test
    void processOutputIsTaggedWithTheRunStepsSourceAndSplitIntoLines() throws IOException {
        StepLog log = start("lg", "0");
        log.withSource("APP/PROC/WEB").processStarted();
        append("stdout.log", "hello\nwor");
        append("stderr.log", "oops\n");
        capture.pollAll();
        assertEquals(List.of("APP/PROC/WEB/0 OUT hello", "APP/PROC/WEB/0 ERR oops"), sink.described());
        append("stdout.log", "ld\n");
        capture.pollAll();
        assertEquals("APP/PROC/WEB/0 OUT world", sink.described().get(2));
    }

    @Test
    void aDestroyedContainersLastPartialLineIsForwarded() throws IOException {
        start("lg", "1");
        append("stdout.log", "last words");
        capture.destroyed("c1");
        assertEquals(List.of("CELL/1 OUT last words"), sink.described());
        assertEquals(0, capture.followed());
    }

    @Test
    void readsAtMostTheLimitPerPollAndCatchesUpLater() throws IOException {
        start("lg", "0");
        append("stdout.log", ("x".repeat(99) + "\n").repeat(30)); // 3000 bytes, 1024 per poll
        capture.pollAll();
        assertEquals(10, sink.lines.size());
        capture.pollAll();
        capture.pollAll();
        assertEquals(30, sink.lines.size());
    }

    @Test
    void withoutALogGuidNothingIsForwardedAsInDiego() throws IOException {
        StepLog agentLog = StepLog.forContainer("c1", "", "CELL");
        ContainerInfo info = new ContainerInfo("c1", dir, "10.0.0.1", "10.0.0.1", List.of());
        StepLog log = capture.started("c1", Map.of(), request("", "0"), info, agentLog);
        assertSame(agentLog, log);
        append("stdout.log", "hello\n");
        capture.pollAll();
        assertTrue(sink.lines.isEmpty());
    }

    @Test
    void tasksAreInstanceZero() {
        start("lg", null).out("Creating container");
        assertEquals(List.of("CELL/0 OUT Creating container"), sink.described());
    }
}
