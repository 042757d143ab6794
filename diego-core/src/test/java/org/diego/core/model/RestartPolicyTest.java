package org.diego.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The crash back-off table of the reference (§3), exactly, and its boundaries to the nanosecond. */
class RestartPolicyTest {
    static final RestartPolicy P = RestartPolicy.DEFAULT;
    /** A realistic epoch-nanos timestamp, to catch overflow in the arithmetic. */
    static final long SINCE = 1_750_000_000_123_456_789L;

    @Test
    void defaultsAreDiegos() {
        assertEquals(3, P.immediateRestarts());
        assertEquals(200, P.maxRestarts());
        assertEquals(Duration.ofSeconds(30), P.minBackoff());
        assertEquals(Duration.ofMinutes(16), P.maxBackoff());
        assertEquals(Duration.ofMinutes(5), P.crashResetTimeout());
    }

    @ParameterizedTest(name = "crash #{0} waits {1} s")
    @CsvSource({
            "0, 0",
            "1, 0",
            "2, 0",
            "3, 30",
            "4, 60",
            "5, 120",
            "6, 240",
            "7, 480",
            "8, 960",
            "9, 960",
            "10, 960",
            "100, 960",
            "199, 960",
    })
    void backoffTable(int crashCount, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), P.backoff(crashCount));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 500, Integer.MAX_VALUE})
    void twoHundredCrashesAndBeyondAreNeverRestarted(int crashCount) {
        assertNull(P.backoff(crashCount));
        assertFalse(P.shouldRestart(Long.MAX_VALUE, SINCE, crashCount));
        assertFalse(P.shouldRestart(SINCE + Duration.ofDays(365).toNanos(), SINCE, crashCount));
        assertFalse(P.restartsImmediately(crashCount));
    }

    @ParameterizedTest
    @CsvSource({"0, true", "1, true", "2, true", "3, false", "4, false", "199, false"})
    void onlyTheFirstTwoCrashesRestartImmediately(int crashCount, boolean immediate) {
        assertEquals(immediate, P.restartsImmediately(crashCount));
    }

    @ParameterizedTest(name = "crash #{0}: not at since+{1}s-1ns, yes at since+{1}s")
    @CsvSource({
            "3, 30",
            "4, 60",
            "5, 120",
            "6, 240",
            "7, 480",
            "8, 960",
            "9, 960",
            "199, 960",
    })
    void shouldRestartExactlyWhenTheBackoffHasElapsed(int crashCount, long seconds) {
        long wait = Duration.ofSeconds(seconds).toNanos();
        assertFalse(P.shouldRestart(SINCE + wait - 1, SINCE, crashCount), "one nanosecond early");
        assertTrue(P.shouldRestart(SINCE + wait, SINCE, crashCount), "exactly at since + backoff");
        assertTrue(P.shouldRestart(SINCE + wait + 1, SINCE, crashCount));
        assertFalse(P.shouldRestart(SINCE, SINCE, crashCount), "never at the moment of the crash");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void immediateCountsRestartWithoutWaiting(int crashCount) {
        assertTrue(P.shouldRestart(SINCE, SINCE, crashCount));
    }

    @Test
    void theScheduleAddsUpToTheReferenceTable() {
        // crash # -> wait: 1,2 immediate; 30 s, 60 s, 2, 4, 8, 16 min; then 16 min until the 200th crash.
        Duration total = Duration.ZERO;
        for (int n = 1; n <= 8; n++) {
            total = total.plus(P.backoff(n));
        }
        assertEquals(Duration.ofSeconds(30 + 60 + 120 + 240 + 480 + 960), total);
    }

    @Test
    void theDoublingCapFollowsTheConfiguredMaximum() {
        // max/min = 2 -> one doubling: 30 s, 60 s, 60 s ...
        RestartPolicy small = new RestartPolicy(3, 200, Duration.ofSeconds(30), Duration.ofMinutes(1),
                Duration.ofMinutes(5));
        assertEquals(Duration.ofSeconds(30), small.backoff(3));
        assertEquals(Duration.ofSeconds(60), small.backoff(4));
        assertEquals(Duration.ofSeconds(60), small.backoff(5));
        assertEquals(Duration.ofSeconds(60), small.backoff(150));
        // A maximum that is not a power-of-two multiple is still a hard cap (ceil(100/30)=4 -> 2 doublings).
        RestartPolicy odd = new RestartPolicy(1, 10, Duration.ofSeconds(30), Duration.ofSeconds(100),
                Duration.ofMinutes(5));
        assertEquals(Duration.ZERO, odd.backoff(0));
        assertEquals(Duration.ofSeconds(30), odd.backoff(1));
        assertEquals(Duration.ofSeconds(60), odd.backoff(2));
        assertEquals(Duration.ofSeconds(100), odd.backoff(3), "120 s capped at the maximum");
        assertEquals(Duration.ofSeconds(100), odd.backoff(9));
        assertNull(odd.backoff(10));
    }
}
