package org.diego.cell.executor.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Serial, parallel, codependent, try, emit_progress and timeout, with steps ended by hand. */
class CompositeStepsTest {
    private static final StepError BOOM = StepError.exited("LOG: Exited with status 2", 2);

    /** Null for success, else the error the step ended with; fails if it has not ended. */
    static StepError outcome(CompletableFuture<Void> f) {
        assertTrue(f.isDone(), "the step has ended");
        try {
            f.join();
            return null;
        } catch (RuntimeException e) {
            return StepError.of(e);
        }
    }

    @Test
    void serialRunsInOrderAndStopsAtTheFirstFailure() {
        FakeStep a = new FakeStep("a");
        FakeStep b = new FakeStep("b");
        FakeStep c = new FakeStep("c");
        CompletableFuture<Void> done = new SerialStep(List.of(a, b, c)).perform();

        assertTrue(a.started);
        assertFalse(b.started);
        a.pass();
        assertTrue(b.started);
        b.failWith(BOOM);

        assertEquals(BOOM, outcome(done));
        assertFalse(c.started, "nothing runs after a failure");
    }

    @Test
    void serialIsReadyWhenItsLastStepIs() {
        FakeStep a = new FakeStep("a");
        FakeStep last = new FakeStep("last", FakeStep.OnCancel.END_CANCELLED, false);
        SerialStep serial = new SerialStep(List.of(a, last));
        serial.perform();
        a.pass();
        assertFalse(serial.ready().isDone());

        last.beReady();

        assertTrue(serial.ready().isDone());
    }

    @Test
    void cancellingSerialCancelsTheCurrentStepAndEndsWithItsOutcome() {
        FakeStep a = new FakeStep("a", FakeStep.OnCancel.END_OK, true); // as a cancelled try
        FakeStep b = new FakeStep("b");
        SerialStep serial = new SerialStep(List.of(a, b));
        CompletableFuture<Void> done = serial.perform();

        serial.cancel();

        assertNull(outcome(done), "a cancelled try counts as success, as in Diego");
        assertFalse(b.started);
    }

    @Test
    void parallelWaitsForAllAndJoinsTheFailuresInOrder() {
        FakeStep a = new FakeStep("a");
        FakeStep b = new FakeStep("b");
        FakeStep c = new FakeStep("c");
        CompletableFuture<Void> done = new ParallelStep(List.of(a, b, c)).perform();
        assertTrue(a.started && b.started && c.started);

        c.failWith(StepError.plain("c broke"));
        a.failWith(StepError.plain("a broke"));
        assertFalse(done.isDone(), "b still runs");
        b.pass();

        assertEquals("a broke; c broke", outcome(done).getMessage());
        assertEquals(0, b.cancels.get(), "parallel cancels nothing");
    }

    @Test
    void codependentCancelsTheRestWhenOneEndsAndAlwaysFails() {
        FakeStep a = new FakeStep("a");
        FakeStep b = new FakeStep("b");
        CompletableFuture<Void> done = new CodependentStep(List.of(a, b), true, false).perform();

        a.pass();

        assertEquals(1, b.cancels.get());
        assertEquals(CodependentStep.EXITED, outcome(done).getMessage(),
                "the cancelled step's error is not displayable");
    }

    @Test
    void codependentWithoutErrorOnExitLetsTheOthersRunWhenOneSucceeds() {
        FakeStep action = new FakeStep("action");
        FakeStep monitor = new FakeStep("monitor");
        CompletableFuture<Void> done = new CodependentStep(List.of(action, monitor), false, false).perform();

        action.pass(); // a daemonising action: the monitor goes on watching
        assertEquals(0, monitor.cancels.get());
        assertFalse(done.isDone());
        monitor.failWith(StepError.plain("Instance became unhealthy: x"));

        assertEquals("Instance became unhealthy: x", outcome(done).getMessage());
    }

    @Test
    void codependentIsReadyWhenAllAreAndFailsWithTheFirstFailure() {
        FakeStep action = new FakeStep("action");
        FakeStep check = new FakeStep("check", FakeStep.OnCancel.END_CANCELLED, false);
        CodependentStep step = new CodependentStep(List.of(action, check), false, false);
        CompletableFuture<Void> done = step.perform();
        assertFalse(step.ready().isDone());
        check.beReady();
        assertTrue(step.ready().isDone());

        action.failWith(BOOM);

        assertEquals(1, check.cancels.get());
        assertEquals(BOOM.getMessage(), outcome(done).getMessage());
        assertEquals(2, outcome(done).exitStatus());
    }

    @Test
    void trySwallowsFailureAndCancellation() {
        FakeStep failing = new FakeStep("f");
        CompletableFuture<Void> done = new TryStep(failing).perform();
        failing.failWith(BOOM);
        assertNull(outcome(done));

        FakeStep running = new FakeStep("r");
        TryStep cancelled = new TryStep(running);
        CompletableFuture<Void> cancelledDone = cancelled.perform();
        cancelled.cancel();
        assertNull(outcome(cancelledDone));
    }

    @Test
    void emitProgressLogsAroundItsStep() {
        RecordingLog log = new RecordingLog("LOG");
        FakeStep ok = new FakeStep("ok");
        new EmitProgressStep(ok, "starting", "done", "oops", log).perform();
        ok.pass();
        FakeStep bad = new FakeStep("bad");
        CompletableFuture<Void> failed = new EmitProgressStep(bad, "", "", "oops", log).perform();
        bad.failWith(BOOM);
        FakeStep plain = new FakeStep("plain");
        new EmitProgressStep(plain, "", "", "oops", log).perform();
        plain.failWith(StepError.plain("not emittable"));

        assertEquals(List.of("out: starting", "out: done", "err: oops: LOG: Exited with status 2", "err: oops"),
                log.lines);
        assertEquals(BOOM, outcome(failed));
    }

    @Test
    void timeoutCancelsItsStepAndFailsInGoWords() {
        ManualTime time = new ManualTime();
        FakeStep slow = new FakeStep("slow");
        CompletableFuture<Void> done = new TimeoutStep(slow, Duration.ofMillis(1500), time).perform();

        time.advance(Duration.ofMillis(1499));
        assertFalse(done.isDone());
        time.advance(Duration.ofMillis(1));

        assertEquals(1, slow.cancels.get());
        StepError error = outcome(done);
        assertEquals("exceeded 1.5s timeout", error.getMessage());
        assertTrue(error.emittable());
    }

    @Test
    void timeoutAppendsAnEmittableErrorOfItsStep() {
        ManualTime time = new ManualTime();
        FakeStep slow = new FakeStep("slow", FakeStep.OnCancel.KEEP_RUNNING, true);
        CompletableFuture<Void> done = new TimeoutStep(slow, Duration.ofMinutes(10), time).perform();

        time.advance(Duration.ofMinutes(10));
        slow.failWith(StepError.exited("LOG: Exited with status 143", 143));

        assertEquals("exceeded 10m0s timeout; LOG: Exited with status 143", outcome(done).getMessage());
    }

    @Test
    void aStepEndingInTimeIsNotTouched() {
        ManualTime time = new ManualTime();
        FakeStep quick = new FakeStep("quick");
        CompletableFuture<Void> done = new TimeoutStep(quick, Duration.ofSeconds(1), time).perform();
        quick.pass();

        assertNull(outcome(done));
        assertEquals(0, time.pending(), "the timer is called off");
    }

    @Test
    void aCancelledStepNeverStarts() {
        FakeStep step = new FakeStep("never");
        step.cancel();

        StepError error = outcome(step.perform());

        assertFalse(step.started);
        assertTrue(error.cancellation());
        assertFalse(error.displayable());
    }

    @Test
    void outputWrapperReportsWhatTheStepWrote() {
        StepLog.Buffer buffer = new StepLog.Buffer("LOG");
        FakeStep check = new FakeStep("check");
        CompletableFuture<Void> done = new OutputWrapperStep(check, buffer, "").perform();
        buffer.err("failed to make TCP connection to 10.0.0.1:8080: connection refused\n");
        check.failWith(StepError.exited("", 4));

        assertEquals("failed to make TCP connection to 10.0.0.1:8080: connection refused", outcome(done).getMessage());

        FakeStep silent = new FakeStep("silent");
        CompletableFuture<Void> silentDone = new OutputWrapperStep(silent, new StepLog.Buffer("LOG"), "").perform();
        silent.failWith(StepError.exited("", 1));
        assertEquals("Failed to invoke process: ", outcome(silentDone).getMessage());
    }

    @Test
    void goDurationsAndByteSizes() {
        assertEquals("0s", Formats.duration(Duration.ZERO));
        assertEquals("500ms", Formats.duration(Duration.ofMillis(500)));
        assertEquals("1.5s", Formats.duration(Duration.ofMillis(1500)));
        assertEquals("1m0s", Formats.duration(Duration.ofMinutes(1)));
        assertEquals("1h2m3s", Formats.duration(Duration.ofSeconds(3723)));
        assertEquals("12B", Formats.bytes(12));
        assertEquals("1K", Formats.bytes(1024));
        assertEquals("1.5M", Formats.bytes(1536 * 1024));
    }
}
