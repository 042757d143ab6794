package org.diego.cell.garden;

/**
 * Hears how long each phase of a backend's create and run took (for the cell benchmarks,
 * docs/14-cell-benchmark.md). Called on the thread doing the work; must be cheap and thread-safe.
 */
@FunctionalInterface
public interface PhaseTimer {
    PhaseTimer NONE = (handle, phase, nanos) -> { };
    /** Appended to the names of phases that ran beside the caller's thread (not on its critical path). */
    String IN_PARALLEL = " (in parallel)";

    void phase(String handle, String phase, long nanos);

    /** For work done beside the caller's: the same timer, phases marked {@link #IN_PARALLEL}. */
    default PhaseTimer inParallel() {
        return this == NONE ? NONE : (handle, phase, nanos) -> phase(handle, phase + IN_PARALLEL, nanos);
    }

    /** Reports the phase that began at {@code sinceNanos} and returns now, where the next one begins. */
    default long lap(String handle, String phase, long sinceNanos) {
        long now = System.nanoTime();
        phase(handle, phase, now - sinceNanos);
        return now;
    }
}
