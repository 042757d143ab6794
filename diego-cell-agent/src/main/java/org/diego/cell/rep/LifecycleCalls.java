package org.diego.cell.rep;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Retries a lifecycle call that got no answer, like Diego's BBS client (3 attempts, 500 ms apart). A
 * refusal is an answer and is never retried. Only calls that are safe to repeat go through here.
 */
final class LifecycleCalls {
    private static final Logger LOG = Logger.getLogger(LifecycleCalls.class.getName());
    private final int attempts;
    private final Duration backoff;

    LifecycleCalls(int attempts, Duration backoff) {
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
    }

    /** The response, or empty when every attempt went unanswered. */
    <T> Optional<T> call(String what, Supplier<T> call) {
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return Optional.of(call.get());
            } catch (BbsUnavailableException e) {
                int n = attempt;
                LOG.warning(() -> what + ": attempt " + n + "/" + attempts + " unanswered: " + e.getMessage());
                if (attempt < attempts && !pause()) {
                    break;
                }
            }
        }
        return Optional.empty();
    }

    private boolean pause() {
        try {
            Thread.sleep(backoff.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
