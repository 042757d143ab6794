package org.diego.cell.executor.steps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.diego.cell.garden.BackendException;
import org.diego.cell.garden.ContainerProcess;
import org.diego.cell.garden.ProcessOptions;
import org.diego.cell.garden.ProcessSpec;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.RunAction;

/**
 * Diego's run step: starts the action's process with its env over the container's plus the network
 * variables, is ready once the process exists, and ends with its exit: 0 succeeds, anything else fails
 * with "{@code <source>}: Exited with status N", plus " (out of memory)" when the container's events
 * (Garden's Info) say the kernel's OOM killer struck, as Diego's run step checks. Cancelled, it sends
 * SIGTERM, SIGKILL after the graceful shutdown interval, and gives up waiting one second later.
 *
 * <p>{@code user} goes to the backend in the process spec: the runc backend runs the process as that
 * user of the container, the process backend runs everything as the agent's user. The process is started on the thread that performs the step (scheduler tasks run on the I/O pool,
 * see {@link StepScheduler#of}), as the executor started it before there were steps.
 */
final class RunStep extends Step {
    /** Diego's ExitTimeout: how long a SIGKILLed process may take to be reported gone. */
    static final Duration EXIT_TIMEOUT = Duration.ofSeconds(1);

    private final StepTarget target;
    private final RunAction action;
    private final StepLog log;
    private final StepSettings settings;
    private final boolean suppressExitStatus;
    private ContainerProcess process; // guarded by this
    private boolean terminating;
    private boolean killed;
    private final List<StepScheduler.Cancellable> timers = new ArrayList<>();

    RunStep(StepTarget target, RunAction action, StepLog log, StepSettings settings, boolean suppressExitStatus) {
        this.target = target;
        this.action = action;
        this.log = log;
        this.settings = settings;
        this.suppressExitStatus = suppressExitStatus;
    }

    /** Starts the process on the caller's thread, so a lone run action is RUNNING when run() returns. */
    @Override
    protected void start() {
        if (isCancelled()) {
            fail(StepError.cancelled());
            return;
        }
        List<EnvironmentVariable> env = new ArrayList<>(action.env());
        env.addAll(target.networkEnv());
        long nofile = action.resourceLimits() != null && action.resourceLimits().nofile() != null
                ? action.resourceLimits().nofile() : 0;
        ContainerProcess started;
        try {
            started = target.backend().run(target.handle(), new ProcessSpec(action.path(), action.args(), action.dir(),
                    env, action.user()), new ProcessOptions(nofile, action.suppressLogOutput()));
        } catch (BackendException | RuntimeException e) {
            if (!action.suppressLogOutput()) {
                log.out("failed-creating-process: " + e.getMessage());
            }
            fail(StepError.plain(e.getMessage()));
            return;
        }
        synchronized (this) {
            process = started;
        }
        if (!action.suppressLogOutput() && !suppressExitStatus) {
            log.processStarted(); // a monitor's (suppressed status) does not retag the app's output
        }
        markReady();
        if (isCancelled()) {
            terminate();
        }
        started.exitStatus().whenComplete((status, error) -> exited(status == null ? -1 : status));
    }

    @Override
    protected void onCancel() {
        terminate();
    }

    private void terminate() {
        ContainerProcess p;
        synchronized (this) {
            if (process == null || terminating || isDone()) {
                return; // not started yet: launch() sees the cancellation
            }
            terminating = true;
            p = process;
            timers.add(settings.scheduler().schedule(settings.gracefulShutdownInterval(), this::kill));
        }
        target.backend().signal(target.handle(), p.pid(), false);
    }

    private void kill() {
        ContainerProcess p;
        synchronized (this) {
            if (isDone()) {
                return;
            }
            killed = true;
            p = process;
            timers.add(settings.scheduler().schedule(EXIT_TIMEOUT,
                    () -> fail(StepError.plain("process did not exit"))));
        }
        target.backend().signal(target.handle(), p.pid(), true);
    }

    private void exited(int status) {
        boolean wasKilled;
        synchronized (this) {
            timers.forEach(StepScheduler.Cancellable::cancel);
            wasKilled = killed;
        }
        // As Diego: after a non-zero exit the container's events tell whether the OOM killer ended it.
        String oom = status != 0 && outOfMemory() ? " (out of memory)" : "";
        String message = suppressExitStatus ? "" : "Exit status " + status;
        if (wasKilled) {
            message += " (exceeded " + Formats.duration(settings.gracefulShutdownInterval())
                    + " graceful shutdown interval)";
        }
        message += oom;
        if (!action.suppressLogOutput()) {
            log.out(message);
        }
        if (wasKilled) {
            fail(StepError.exceededGracefulShutdown(status));
        } else if (isCancelled()) {
            fail(StepError.cancelled(status));
        } else if (status != 0) {
            fail(StepError.exited((suppressExitStatus ? "" : log.source() + ": Exited with status " + status) + oom,
                    status));
        } else {
            succeed();
        }
    }

    /** Whether the container's Garden events include "out of memory"; called holding no lock. */
    private boolean outOfMemory() {
        try {
            return target.backend().info(target.handle()).outOfMemory();
        } catch (BackendException | RuntimeException e) {
            return false; // a backend without Garden's Info, or the container is gone: no reason to add
        }
    }
}
