package org.diego.ejb.convergence;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;
import org.diego.core.convergence.ConvergenceMetrics;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The metrics Diego's BBS emits after each LRP convergence pass, under Diego's names, published
 * through MicroProfile Metrics ({@code /metrics/application} on each instance). Only the instance
 * holding the converger role updates them; the others keep what they last computed.
 */
@ApplicationScoped
public class ConvergenceGauges {
    @Inject
    MetricRegistry registry;

    private final AtomicReference<ConvergenceMetrics> last = new AtomicReference<>();
    private Timer duration;

    @PostConstruct
    void register() {
        duration = registry.timer("ConvergenceLRPDuration");
        gauge("LRPsUnclaimed", ConvergenceMetrics::unclaimed);
        gauge("LRPsClaimed", ConvergenceMetrics::claimed);
        gauge("LRPsRunning", ConvergenceMetrics::running);
        gauge("LRPsCrashed", ConvergenceMetrics::crashed);
        gauge("LRPsMissing", ConvergenceMetrics::missing);
        gauge("LRPsExtra", ConvergenceMetrics::extra);
        gauge("LRPsDesired", ConvergenceMetrics::desired);
        gauge("CrashingDesiredLRPs", ConvergenceMetrics::crashingDesired);
        gauge("SuspectRunningActualLRPs", ConvergenceMetrics::suspectRunning);
        gauge("SuspectClaimedActualLRPs", ConvergenceMetrics::suspectClaimed);
        gauge("PresentCells", ConvergenceMetrics::presentCells);
        gauge("SuspectCells", ConvergenceMetrics::suspectCells);
    }

    public void record(ConvergenceMetrics metrics, Duration took) {
        last.set(metrics);
        duration.update(took);
    }

    private void gauge(String name, ToIntFunction<ConvergenceMetrics> value) {
        registry.gauge(name, () -> {
            ConvergenceMetrics m = last.get();
            return m == null ? 0 : value.applyAsInt(m);
        });
    }
}
