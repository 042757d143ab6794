package org.diego.ejb.convergence;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;
import org.diego.core.convergence.ConvergenceMetrics;
import org.diego.core.convergence.TaskConvergenceMetrics;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The metrics Diego's BBS emits after each LRP and each task convergence pass, under Diego's names,
 * published through MicroProfile Metrics ({@code /metrics/application} on each instance). Only the
 * instance holding the converger role updates them; the others keep what they last computed.
 */
@ApplicationScoped
public class ConvergenceGauges {
    @Inject
    MetricRegistry registry;

    private final AtomicReference<ConvergenceMetrics> last = new AtomicReference<>();
    private final AtomicReference<TaskConvergenceMetrics> lastTasks = new AtomicReference<>();
    private Timer duration;
    private Timer taskDuration;
    private Counter taskRuns;

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

        // Diego's TaskStatMetronNotifier: the counts after the pass and what the pass kicked and pruned.
        taskDuration = registry.timer("ConvergenceTaskDuration");
        taskRuns = registry.counter("ConvergenceTaskRuns");
        gauge("TasksPending", lastTasks, TaskConvergenceMetrics::pending);
        gauge("TasksRunning", lastTasks, TaskConvergenceMetrics::running);
        gauge("TasksCompleted", lastTasks, TaskConvergenceMetrics::completed);
        gauge("TasksResolving", lastTasks, TaskConvergenceMetrics::resolving);
        gauge("ConvergenceTasksKicked", lastTasks, TaskConvergenceMetrics::kicked);
        gauge("ConvergenceTasksPruned", lastTasks, TaskConvergenceMetrics::pruned);
    }

    public void record(ConvergenceMetrics metrics, Duration took) {
        last.set(metrics);
        duration.update(took);
    }

    public void recordTasks(TaskConvergenceMetrics metrics, Duration took) {
        lastTasks.set(metrics);
        taskDuration.update(took);
        taskRuns.inc();
    }

    private void gauge(String name, ToIntFunction<ConvergenceMetrics> value) {
        gauge(name, last, value);
    }

    private <M> void gauge(String name, AtomicReference<M> source, ToIntFunction<M> value) {
        registry.gauge(name, () -> {
            M m = source.get();
            return m == null ? 0 : value.applyAsInt(m);
        });
    }
}
