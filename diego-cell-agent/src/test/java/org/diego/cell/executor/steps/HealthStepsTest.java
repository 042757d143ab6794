package org.diego.cell.executor.steps;

import static org.diego.cell.executor.steps.CompositeStepsTest.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Monitor and check polling, health-check and readiness steps, on a manual clock. */
class HealthStepsTest {
    private final ManualTime time = new ManualTime();
    /** The instants (seconds since start) at which a check ran. */
    private final List<Long> ranAt = new ArrayList<>();

    /** Checks that pass or fail as scripted, in turn; the last answer repeats. */
    private Supplier<Step> checks(Boolean... answers) {
        Deque<Boolean> script = new ArrayDeque<>(List.of(answers));
        return () -> {
            ranAt.add(time.elapsed().toSeconds());
            boolean pass = script.size() > 1 ? script.poll() : script.peek();
            return pass ? FakeStep.succeeding("check")
                    : FakeStep.failing("check", StepError.plain("failed to make TCP connection to 127.0.0.1:8080"));
        };
    }

    @Test
    void eventuallySucceedsPollsEveryPeriodUntilTheCheckPasses() {
        Step step = new EventuallySucceedsStep(checks(false, false, true), Duration.ofSeconds(2), Duration.ofSeconds(60),
                time, time);
        CompletableFuture<Void> done = step.perform();
        assertTrue(step.ready().isDone(), "ready at once");

        time.advance(Duration.ofSeconds(10));

        assertNull(outcome(done));
        assertEquals(List.of(2L, 4L, 6L), ranAt, "the first check after one period, as Diego's");
    }

    @Test
    void eventuallySucceedsGivesUpWithTheLastFailureAfterTheTimeout() {
        CompletableFuture<Void> done = new EventuallySucceedsStep(checks(false), Duration.ofSeconds(2),
                Duration.ofSeconds(5), time, time).perform();

        time.advance(Duration.ofSeconds(5));
        assertFalse(done.isDone(), "5 s is not after the 5 s timeout");
        time.advance(Duration.ofSeconds(1));

        assertEquals("failed to make TCP connection to 127.0.0.1:8080", outcome(done).getMessage());
        assertEquals(List.of(2L, 4L, 6L), ranAt);
    }

    @Test
    void consistentlySucceedsFailsAtTheFirstFailure() {
        CompletableFuture<Void> done = new ConsistentlySucceedsStep(checks(true, true, false), Duration.ofSeconds(30),
                time).perform();

        time.advance(Duration.ofSeconds(89));
        assertFalse(done.isDone());
        time.advance(Duration.ofSeconds(1));

        assertEquals(List.of(30L, 60L, 90L), ranAt);
        assertEquals("failed to make TCP connection to 127.0.0.1:8080", outcome(done).getMessage());
    }

    @Test
    void cancellingAPollingStepCallsOffItsTimer() {
        Step step = new ConsistentlySucceedsStep(checks(true), Duration.ofSeconds(30), time);
        CompletableFuture<Void> done = step.perform();

        step.cancel();

        assertTrue(outcome(done).cancellation());
        assertEquals(0, time.pending());
    }

    @Test
    void declarativeStartupChecksAtOnceAndTimesOutInTheBinarysWords() {
        CompletableFuture<Void> done = new CheckLoopStep(CheckLoopStep.Mode.STARTUP, checks(false), Duration.ofSeconds(2),
                Duration.ofSeconds(5), time).perform();

        time.advance(Duration.ofSeconds(5));

        assertEquals(List.of(0L, 2L, 4L), ranAt);
        assertEquals("Timed out after 5s (3 attempts) waiting for startup check to succeed: "
                + "failed to make TCP connection to 127.0.0.1:8080", outcome(done).getMessage());
        assertEquals(0, time.pending());
    }

    @Test
    void declarativeLivenessAndReadinessWordTheirFailures() {
        CompletableFuture<Void> liveness = new CheckLoopStep(CheckLoopStep.Mode.LIVENESS, checks(true, false),
                Duration.ofSeconds(30), null, time).perform();
        time.advance(Duration.ofSeconds(30));
        assertEquals("Liveness check unsuccessful: failed to make TCP connection to 127.0.0.1:8080",
                outcome(liveness).getMessage());
        assertEquals(List.of(0L, 30L), ranAt);

        CompletableFuture<Void> readiness = new CheckLoopStep(CheckLoopStep.Mode.READINESS, checks(false),
                Duration.ofSeconds(30), null, time).perform();
        assertEquals("Readiness check unsuccessful: failed to make TCP connection to 127.0.0.1:8080",
                outcome(readiness).getMessage());
    }

    @Test
    void healthCheckIsReadyWhenStartupPassesAndFailsWhenLivenessDoes() {
        RecordingLog log = new RecordingLog("LOG");
        FakeStep startup = new FakeStep("startup");
        FakeStep liveness = new FakeStep("liveness");
        HealthCheckStep step = new HealthCheckStep(startup, liveness, log, log.withSource("HEALTH"), time);
        CompletableFuture<Void> done = step.perform();
        assertFalse(step.ready().isDone());

        startup.pass();
        assertTrue(step.ready().isDone());
        assertTrue(liveness.started);
        liveness.failWith(StepError.plain("Liveness check unsuccessful: nope"));

        StepError error = outcome(done);
        assertEquals("Instance became unhealthy: Liveness check unsuccessful: nope", error.getMessage());
        assertTrue(error.emittable());
        assertEquals(List.of("out: Starting health monitoring of container", "out: Container became healthy",
                "err: Liveness check unsuccessful: nope", "err: Container became unhealthy"), log.lines);
    }

    @Test
    void healthCheckNamesTheElapsedTimeWhenStartupNeverPasses() {
        FakeStep startup = new FakeStep("startup");
        RecordingLog log = new RecordingLog("LOG");
        HealthCheckStep step = new HealthCheckStep(startup, new FakeStep("liveness"), log, log, time);
        CompletableFuture<Void> done = step.perform();

        time.advance(Duration.ofMillis(61_234));
        startup.failWith(StepError.plain("boom"));

        assertFalse(step.ready().isDone());
        assertEquals("Instance never healthy after 1m1.234s: boom", outcome(done).getMessage());
        assertTrue(log.lines.contains("err: Failed after 1m1.234s: startup health check never passed."));
    }

    @Test
    void readinessTogglesRoutableBothWaysUntilCancelled() {
        List<Boolean> routable = new ArrayList<>();
        List<FakeStep> untilReady = new ArrayList<>();
        List<FakeStep> untilFailure = new ArrayList<>();
        ReadinessStep step = new ReadinessStep(() -> add(untilReady, new FakeStep("ready")),
                () -> add(untilFailure, new FakeStep("failure")), routable::add, new RecordingLog("HEALTH"));
        CompletableFuture<Void> done = step.perform();
        assertTrue(step.ready().isDone(), "readiness never holds up RUNNING");

        untilReady.get(0).pass();
        untilFailure.get(0).failWith(StepError.plain("Readiness check unsuccessful: x"));
        untilReady.get(1).pass();

        assertEquals(List.of(true, false, true), routable);
        step.cancel();
        assertEquals(1, untilFailure.get(1).cancels.get());
        assertTrue(outcome(done).cancellation());
    }

    private static Step add(List<FakeStep> made, FakeStep step) {
        made.add(step);
        return step;
    }
}
