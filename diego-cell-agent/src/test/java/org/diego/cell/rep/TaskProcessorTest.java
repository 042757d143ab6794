package org.diego.cell.rep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.diego.cell.executor.CellExecutor;
import org.diego.cell.executor.ContainerState;
import org.diego.cell.executor.Resources;
import org.diego.cell.garden.HostPortAllocator;
import org.diego.cell.garden.ProcessBackend;
import org.diego.cell.garden.TestProcesses;
import org.diego.core.api.CompleteTaskRequest;
import org.diego.core.api.RejectTaskRequest;
import org.diego.core.api.StartTaskRequest;
import org.diego.core.messages.CancelTask;
import org.diego.core.messages.ClaimActualLrpRequest;
import org.diego.core.messages.CrashActualLrpRequest;
import org.diego.core.messages.LifecycleResponse;
import org.diego.core.messages.RemoveActualLrpRequest;
import org.diego.core.messages.StartActualLrpRequest;
import org.diego.core.messages.StopLrpInstance;
import org.diego.core.model.Action;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.EmitProgressAction;
import org.diego.core.model.RunAction;
import org.diego.core.model.SerialAction;
import org.diego.core.model.TimeoutAction;
import org.diego.core.model.TryAction;
import org.diego.core.model.ErrorType;
import org.diego.core.model.InstanceKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rep's task lifecycle against a fake BBS and real short-lived /bin/sh processes. */
class TaskProcessorTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Resources CAPACITY = new Resources(1024, 2048, 4);
    private static final String CELL = "cell-1";

    @TempDir
    Path workDir;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final FakeBbsClient bbs = new FakeBbsClient();
    private final List<LogRecord> severe = new CopyOnWriteArrayList<>();
    private final Handler severeLog = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private CellExecutor executor;
    private TaskProcessor processor;

    @BeforeEach
    void wire() {
        ProcessBackend backend = new ProcessBackend(containers(), "127.0.0.1", new HostPortAllocator(), timers,
                Duration.ofSeconds(2));
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
        executor = new CellExecutor(backend, CAPACITY, clock);
        processor = new TaskProcessor(CELL, executor, bbs, workers, 3, Duration.ZERO, Duration.ofMillis(200));
        // SerialQueues logs an operation that threw: a processor choking on the other's container shows here.
        Logger.getLogger(SerialQueues.class.getName()).addHandler(severeLog);
    }

    @AfterEach
    void cleanUp() {
        Logger.getLogger(SerialQueues.class.getName()).removeHandler(severeLog);
        processor.shutdown();
        executor.list().forEach(c -> executor.destroy(c.guid()));
        workers.shutdownNow();
        timers.shutdownNow();
    }

    @Test
    void aTaskThatWritesItsResultFileCompletesWithTheResult() throws Exception {
        processor.work(Tasks.work(Tasks.task("task-1", 256,
                "mkdir -p out; echo hello > out/result.txt", "out/result.txt")));

        CompleteTaskRequest complete = bbs.await(CompleteTaskRequest.class, WAIT);
        awaitIdle();

        assertEquals(List.of(StartTaskRequest.class, CompleteTaskRequest.class), bbs.callTypes());
        assertEquals(new StartTaskRequest("task-1", CELL), bbs.callsOf(StartTaskRequest.class).get(0));
        assertEquals(new CompleteTaskRequest("task-1", CELL, false, "", "hello\n"), complete);
        assertTrue(executor.list().isEmpty(), "the container is destroyed after the report");
        assertEquals(CAPACITY, executor.remainingResources());
        assertFalse(Files.exists(containers().resolve("task-1")));
    }

    @Test
    void theTaskRunsWithItsEnvironmentAndNoInstanceIdentity() throws Exception {
        Path envFile = workDir.resolve("env.txt");
        processor.work(Tasks.work(Tasks.task("task-1", 256, "env > " + envFile, "")));
        bbs.await(CompleteTaskRequest.class, WAIT);

        String env = Files.readString(envFile);
        assertTrue(env.contains("FROM_TASK=task\n"), env);
        assertTrue(env.contains("FROM_ACTION=action\n"), env);
        assertFalse(env.contains("INSTANCE_GUID="), env);
        assertFalse(env.contains("\nPORT="), env);
    }

    @Test
    void aFailingTaskReportsItsExitStatusAsDiegoWordsIt() throws Exception {
        processor.work(Tasks.work(Tasks.task("task-1", 256, "echo partial > result.txt; exit 3", "result.txt"),
                Tasks.task("task-2", 256, "exit 4", "", "TASK", ""),
                Tasks.task("task-3", 256, "exit 5", "result.txt", "", "log-guid")));

        awaitTrue(() -> bbs.callsOf(CompleteTaskRequest.class).size() == 3, "three completions");
        awaitIdle();

        List<CompleteTaskRequest> completions = bbs.callsOf(CompleteTaskRequest.class);
        assertTrue(completions.contains(
                new CompleteTaskRequest("task-1", CELL, true, "TASK: Exited with status 3", "partial\n")),
                "a failed task still carries a readable result: " + completions);
        assertTrue(completions.contains(new CompleteTaskRequest("task-2", CELL, true, "LOG: Exited with status 4", "")),
                "no log guid: Diego's default source name: " + completions);
        assertTrue(completions.contains(new CompleteTaskRequest("task-3", CELL, true, "LOG: Exited with status 5", "")),
                "no log source; the missing result file does not change the failure: " + completions);
        assertEquals(CAPACITY, executor.remainingResources());
    }

    @Test
    void aTaskRunsItsWholeActionTree() throws Exception {
        Action tree = Action.of(new SerialAction(List.of(
                sh("echo first > result.txt"),
                Action.of(new TryAction(sh("exit 9"), null)),
                Action.of(new EmitProgressAction(sh("echo second >> result.txt"), "go", "done", "oops", null))), null));
        Action timedOut = Action.of(new TimeoutAction(sh("exec sleep 30"), null, 200));
        processor.work(Tasks.work(Tasks.task("tree", 64, tree, "result.txt"), Tasks.task("slow", 64, timedOut, "")));

        awaitTrue(() -> bbs.callsOf(CompleteTaskRequest.class).size() == 2, "two completions");
        List<CompleteTaskRequest> completions = bbs.callsOf(CompleteTaskRequest.class);
        assertTrue(completions.contains(new CompleteTaskRequest("tree", CELL, false, "", "first\nsecond\n")),
                "try swallowed the failure: " + completions);
        assertTrue(completions.contains(new CompleteTaskRequest("slow", CELL, true, "exceeded 200ms timeout", "")),
                completions.toString());
    }

    private static Action sh(String script) {
        return Action.of(new RunAction("/bin/sh", List.of("-c", script), null, List.of(), null));
    }

    @Test
    void aMissingOrTooLargeResultFileFailsASuccessfulTask() throws Exception {
        int max = TaskProcessor.MAX_RESULT_BYTES;
        processor.work(Tasks.work(Tasks.task("missing", 64, "true", "result.txt"),
                Tasks.task("too-large", 64, "head -c " + (max + 1) + " /dev/zero | tr '\\0' x > r", "r"),
                Tasks.task("just-fits", 64, "head -c " + max + " /dev/zero | tr '\\0' x > r", "r")));

        awaitTrue(() -> bbs.callsOf(CompleteTaskRequest.class).size() == 3, "three completions");
        List<CompleteTaskRequest> completions = bbs.callsOf(CompleteTaskRequest.class);
        assertTrue(completions.contains(new CompleteTaskRequest("missing", CELL, true, "failed to fetch result", "")));
        assertTrue(completions.contains(new CompleteTaskRequest("too-large", CELL, true, "failed to fetch result", "")),
                "Diego's rep fails a task whose result is too long rather than cutting it");
        assertTrue(completions.contains(new CompleteTaskRequest("just-fits", CELL, false, "", "x".repeat(max))),
                "exactly the limit still fits");
    }

    @Test
    void shouldStartFalseOrARefusalReleasesTheReservationWithoutRunning() throws Exception {
        bbs.responder = r -> {
            if (r instanceof StartTaskRequest s) {
                return s.taskGuid().equals("task-1") ? LifecycleResponse.shouldStart(false)
                        : FakeBbsClient.refusal(ErrorType.InvalidStateTransition);
            }
            return fail("unexpected " + r);
        };
        Path ran = workDir.resolve("ran");

        processor.work(Tasks.work(Tasks.task("task-1", 256, "touch " + ran, ""),
                Tasks.task("task-2", 256, "touch " + ran, "")));
        awaitTrue(() -> bbs.callsOf(StartTaskRequest.class).size() == 2, "both asked");
        awaitIdle();

        assertEquals(List.of(StartTaskRequest.class, StartTaskRequest.class), bbs.callTypes());
        assertTrue(executor.list().isEmpty());
        assertEquals(CAPACITY, executor.remainingResources());
        assertFalse(Files.exists(ran), "nothing ran");
    }

    @Test
    void shouldStartFalseAfterAnUnansweredAttemptMeansThatAttemptStartedIt() throws Exception {
        AtomicInteger starts = new AtomicInteger();
        bbs.responder = r -> {
            if (r instanceof StartTaskRequest) {
                if (starts.incrementAndGet() == 1) {
                    throw new BbsUnavailableException("no reply within 10000 ms");
                }
                return LifecycleResponse.shouldStart(false); // the first one was applied after all
            }
            return LifecycleResponse.OK;
        };

        processor.work(Tasks.work(Tasks.task("task-1", 256, "echo ran > r", "r")));

        assertEquals(new CompleteTaskRequest("task-1", CELL, false, "", "ran\n"),
                bbs.await(CompleteTaskRequest.class, WAIT));
        assertEquals(2, bbs.callsOf(StartTaskRequest.class).size());
    }

    @Test
    void anUnansweredStartGivesTheWorkUp() throws Exception {
        bbs.responder = r -> {
            throw new BbsUnavailableException("no broker");
        };

        processor.work(Tasks.work(Tasks.task("task-1", 256, "true", "")));
        awaitTrue(() -> bbs.callsOf(StartTaskRequest.class).size() == 3, "three attempts");
        awaitIdle();

        assertEquals(3, bbs.calls.size());
        assertTrue(executor.list().isEmpty());
        assertEquals(CAPACITY, executor.remainingResources());
    }

    @Test
    void redeliveredWorkForATaskHereIsNotRunTwice() throws Exception {
        Path count = workDir.resolve("count");
        var task = Tasks.task("task-1", 256, "echo run >> " + count + "; exec sleep 30", "");

        processor.work(Tasks.work(task, task));
        awaitTrue(() -> executor.lookup("task-1").map(c -> c.state() == ContainerState.RUNNING).orElse(false),
                "the task runs");
        processor.work(Tasks.work(task));
        awaitIdle();
        Thread.sleep(200);

        assertEquals(List.of(StartTaskRequest.class), bbs.callTypes());
        assertEquals("run\n", Files.readString(count));
        assertEquals(new Resources(1024 - 256, 2048 - 32, 3), executor.remainingResources());
    }

    @Test
    void cancelStopsTheTaskAndReportsNothing() throws Exception {
        processor.work(Tasks.work(Tasks.task("task-1", 256,
                "sleep 300 & echo $! > child.pid; wait", "")));
        Path pidFile = containers().resolve("task-1").resolve("child.pid");
        awaitTrue(() -> !read(pidFile).isBlank(), "the shell started its child");
        ProcessHandle child = ProcessHandle.of(Long.parseLong(read(pidFile).strip())).orElseThrow();

        processor.cancel(new CancelTask("task-1"));
        awaitTrue(() -> executor.list().isEmpty(), "the container is destroyed");
        awaitIdle();

        assertEquals(List.of(StartTaskRequest.class), bbs.callTypes(), "the BBS already completed it as cancelled");
        awaitTrue(() -> TestProcesses.gone(child), "the task's processes are gone");
        assertEquals(CAPACITY, executor.remainingResources());
        assertFalse(Files.exists(containers().resolve("task-1")));

        processor.cancel(new CancelTask("never-here"));
        awaitIdle();
        assertEquals(1, bbs.calls.size(), "a cancel for an unknown task does nothing");
    }

    @Test
    void workThatDoesNotFitIsRejectedWithDiegosReason() throws Exception {
        processor.work(Tasks.work(Tasks.task("big", 4096, "true", "")));

        RejectTaskRequest reject = bbs.await(RejectTaskRequest.class, WAIT);
        awaitIdle();

        assertEquals(new RejectTaskRequest("big", "insufficient resources: memory"), reject);
        assertEquals(List.of(RejectTaskRequest.class), bbs.callTypes(), "never started");
        assertEquals(CAPACITY, executor.remainingResources());
    }

    @Test
    void aContainerThatCannotBeCreatedIsRejectedForAnotherCell() throws Exception {
        Files.createDirectories(containers().resolve("task-1")); // the backend refuses an existing container

        processor.work(Tasks.work(Tasks.task("task-1", 256, "true", "")));
        RejectTaskRequest reject = bbs.await(RejectTaskRequest.class, WAIT);
        awaitIdle();

        assertEquals(List.of(StartTaskRequest.class, RejectTaskRequest.class), bbs.callTypes());
        assertTrue(reject.rejectionReason().startsWith("failed to create container: "), reject.rejectionReason());
        assertEquals(CAPACITY, executor.remainingResources());
    }

    @Test
    void anUnansweredCompletionIsRetriedThenTheContainerIsDestroyedAnyway() throws Exception {
        bbs.responder = r -> {
            if (r instanceof CompleteTaskRequest) {
                throw new BbsUnavailableException("no reply");
            }
            return FakeBbsClient.ok(r);
        };

        processor.work(Tasks.work(Tasks.task("task-1", 256, "true", "")));
        awaitTrue(() -> bbs.callsOf(CompleteTaskRequest.class).size() == 3, "three attempts");
        awaitIdle();

        assertTrue(executor.list().isEmpty());
        assertEquals(CAPACITY, executor.remainingResources());
    }

    @Test
    void aTaskAndAnLrpOnOneCellEachReportOnlyTheirOwnCompletion() throws Exception {
        AtomicInteger guids = new AtomicInteger();
        LrpProcessor lrps = new LrpProcessor(CELL, executor, bbs, () -> "lrp-guid-" + guids.incrementAndGet(),
                workers, 3, Duration.ZERO, Duration.ofMillis(200));
        try {
            lrps.work(Lrps.work(Lrps.start("crasher", 0, 128, List.of(), "exit 1"),
                    Lrps.start("stopped", 0, 128, List.of(), "exec sleep 30")));
            processor.work(Tasks.work(Tasks.task("ok-task", 128, "echo done > r", "r"),
                    Tasks.task("failing-task", 128, "exit 2", "")));

            awaitTrue(() -> bbs.callsOf(CompleteTaskRequest.class).size() == 2, "both tasks completed");
            bbs.await(CrashActualLrpRequest.class, WAIT);
            awaitTrue(() -> bbs.callsOf(StartActualLrpRequest.class).size() == 2, "both LRPs started");
            String stoppedGuid = bbs.callsOf(ClaimActualLrpRequest.class).stream()
                    .filter(c -> c.processGuid().equals("stopped")).findFirst().orElseThrow()
                    .actualLrpInstanceKey().instanceGuid();
            lrps.stop(new StopLrpInstance(new ActualLrpKey("stopped", 0, Lrps.DOMAIN), new InstanceKey(stoppedGuid, CELL)));
            bbs.await(RemoveActualLrpRequest.class, WAIT);
            awaitTrue(() -> processor.idle() && lrps.idle(), "both processors finished");

            assertEquals(List.of("crasher"), bbs.callsOf(CrashActualLrpRequest.class).stream()
                    .map(c -> c.actualLrpKey().processGuid()).toList(), "a failed task is no LRP crash");
            assertEquals(List.of("stopped"), bbs.callsOf(RemoveActualLrpRequest.class).stream()
                    .map(RemoveActualLrpRequest::processGuid).toList());
            assertEquals(List.of("failing-task", "ok-task"), bbs.callsOf(CompleteTaskRequest.class).stream()
                    .map(CompleteTaskRequest::taskGuid).sorted().toList(), "an LRP's exit is no task completion");
            assertTrue(bbs.callsOf(RejectTaskRequest.class).isEmpty());
            assertEquals(List.of(), severe, "neither processor choked on the other's containers");
            assertTrue(executor.list().isEmpty());
            assertEquals(CAPACITY, executor.remainingResources());
        } finally {
            lrps.shutdown();
        }
    }

    @Test
    void malformedWorkIsIgnored() {
        var good = Tasks.task("task-1", 64, "true", "");
        var noDefinition = new org.diego.core.model.Task(null, "task-2", Tasks.DOMAIN, 1, 1, 0,
                org.diego.core.model.TaskState.Pending, "", "", false, "", 0, "");
        var noGuid = org.diego.core.model.Task.pending(good.taskDefinition(), "", Tasks.DOMAIN, 1);

        assertFalse(processor.reserve(noDefinition));
        assertFalse(processor.reserve(noGuid));
        assertTrue(bbs.calls.isEmpty());
        assertTrue(executor.list().isEmpty());
    }

    private Path containers() {
        return workDir.resolve("containers");
    }

    private void awaitIdle() throws InterruptedException {
        awaitTrue(processor::idle, "the rep finished its operations");
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
