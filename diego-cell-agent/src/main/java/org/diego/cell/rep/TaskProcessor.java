package org.diego.cell.rep;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import org.diego.cell.executor.CellExecutor;
import org.diego.cell.executor.Container;
import org.diego.cell.executor.ContainerState;
import org.diego.cell.executor.Resources;
import org.diego.cell.executor.RunResult;
import org.diego.cell.garden.BackendException;
import org.diego.core.api.CompleteTaskRequest;
import org.diego.core.api.RejectTaskRequest;
import org.diego.core.api.StartTaskRequest;
import org.diego.core.messages.CancelTask;
import org.diego.core.messages.LifecycleResponse;
import org.diego.core.messages.TaskWork;
import org.diego.core.model.Task;
import org.diego.core.model.TaskDefinition;

/**
 * Runs this cell's Tasks like Diego's rep (auction cell rep Perform, then its task processor):
 * <ul>
 * <li>work: reserve a container named by the task guid at once; a task already here is skipped, one that
 * does not fit is rejected with the reason. Then ask the BBS ({@code start_task}); only
 * {@code should_start} runs the task's action tree, anything else releases the reservation.</li>
 * <li>completion: report the end with {@code complete_task} (the result file's content when it ran, the
 * exit status when it failed) and destroy the container. A container that could not be created is
 * rejected instead, so another cell gets the task (Diego's retryable failure).</li>
 * <li>cancel: stop the container; a stopped task container is destroyed without a report, since the BBS
 * has already completed the task as cancelled (Diego's rep deletes the container outright).</li>
 * </ul>
 * Everything after the reservation runs on worker threads, one operation at a time per task guid; the
 * {@link BulkSync} queues its repairs behind them. While the cell evacuates, new work is rejected; tasks
 * already here run to their end, as in Diego.
 */
public final class TaskProcessor implements TaskWorkHandler {
    /** Diego's rep reads at most this much of a result file and fails the task when it is longer. */
    static final int MAX_RESULT_BYTES = 10 * 1024;
    static final String FAILED_TO_FETCH_RESULT = "failed to fetch result";
    static final String FAILED_TO_CREATE_CONTAINER = "failed to create container";
    /** Diego's rep's reason for a started task whose container could not be run. */
    static final String FAILED_TO_RUN_CONTAINER = "failed to run container";
    private static final Logger LOG = Logger.getLogger(TaskProcessor.class.getName());

    private final String cellId;
    private final CellExecutor executor;
    private final BbsClient bbs;
    private final SerialQueues queues;
    private final LifecycleCalls retrying;
    private final Duration signalSettle;
    private volatile boolean shuttingDown;
    private volatile BooleanSupplier evacuating = () -> false;

    /**
     * @param lifecycleAttempts how often start and complete are tried when unanswered (reject never is)
     * @param retryBackoff      pause between those attempts
     * @param signalSettle      how long to wait before reporting a process killed by a signal nobody here
     *                          sent (see LrpProcessor: the agent's own SIGTERM must not fail tasks)
     */
    public TaskProcessor(String cellId, CellExecutor executor, BbsClient bbs, Executor workers,
                         int lifecycleAttempts, Duration retryBackoff, Duration signalSettle) {
        this.cellId = cellId;
        this.executor = executor;
        this.bbs = bbs;
        this.queues = new SerialQueues(workers);
        this.retrying = new LifecycleCalls(lifecycleAttempts, retryBackoff);
        this.signalSettle = signalSettle;
        executor.onCompletion(this::completed);
    }

    @Override
    public void work(TaskWork work) {
        work.tasks().forEach(this::reserve);
    }

    /** Reserves the task's container and queues its start; false when skipped, invalid or rejected. */
    boolean reserve(Task task) {
        String invalid = invalid(task);
        if (invalid != null) {
            LOG.warning(() -> "ignoring task work: " + invalid);
            return false;
        }
        String guid = task.taskGuid();
        TaskDefinition definition = task.taskDefinition();
        // Work is at-least-once: the container guid is the task guid, so a task never starts twice here.
        if (executor.lookup(guid).isPresent()) {
            LOG.info(() -> "task " + guid + ": already has a container here; skipping work");
            return false;
        }
        if (evacuating.getAsBoolean()) {
            LOG.info(() -> "task " + guid + ": rejecting work, the cell is evacuating");
            if (!shuttingDown) {
                queues.submit("reject " + guid, "rejection of task " + guid,
                        () -> reject(guid, EvacuationProcessor.REFUSAL));
            }
            return false;
        }
        Resources wanted = new Resources(definition.memoryMb(), definition.diskMb(), 1);
        Optional<Container> reserved;
        try {
            reserved = executor.reserve(guid, TaskTags.of(task), wanted);
        } catch (IllegalStateException raced) {
            LOG.info(() -> "task " + guid + ": already has a container here; skipping work");
            return false;
        }
        if (reserved.isEmpty()) {
            Resources remaining = executor.remainingResources();
            String reason = LrpProcessor.insufficient(wanted, remaining);
            LOG.warning(() -> "task " + guid + ": " + reason + " (wants " + wanted + ", cell has " + remaining
                    + "); rejecting it");
            if (!shuttingDown) {
                queues.submit("reject " + guid, "rejection of task " + guid, () -> reject(guid, reason));
            }
            return false;
        }
        LOG.info(() -> "task " + guid + ": reserved");
        queues.submit(guid, "start of task " + guid, () -> startAndRun(task));
        return true;
    }

    @Override
    public void cancel(CancelTask cancel) {
        String guid = cancel.taskGuid();
        if (guid == null || guid.isEmpty()) {
            LOG.warning("ignoring cancel_task without task_guid");
            return;
        }
        queues.submit(guid, "cancel of task " + guid, () -> {
            Optional<Container> container = executor.lookup(guid);
            if (container.isEmpty() || !TaskTags.isTask(container.get())) {
                LOG.info(() -> "task " + guid + ": cancelled, but no container of it here");
                return;
            }
            LOG.info(() -> "task " + guid + ": cancelled; stopping its container");
            executor.stop(guid); // its completion, as stopped, destroys it without a report
        });
    }

    /** Stops reporting to the BBS: on agent shutdown the cluster learns through the expiring presence. */
    public void shutdown() {
        shuttingDown = true;
    }

    /** True when no task operation is queued or running. */
    public boolean idle() {
        return queues.idle();
    }

    /** New work is rejected while {@code evacuating} holds. */
    public void refuseWorkWhile(BooleanSupplier evacuating) {
        this.evacuating = evacuating;
    }

    /** Queues a sync operation behind every queued operation on the task. */
    CompletableFuture<Void> enqueue(String guid, String what, Runnable op) {
        return queues.submit(guid, what, op);
    }

    private void startAndRun(Task task) {
        String guid = task.taskGuid();
        String who = "task " + guid;
        if (shuttingDown) {
            executor.destroy(guid);
            return;
        }
        AtomicInteger attempts = new AtomicInteger();
        Optional<LifecycleResponse> answer = retrying.call(who + ": start", () -> {
            attempts.incrementAndGet();
            return bbs.startTask(new StartTaskRequest(guid, cellId));
        });
        if (answer.isEmpty()) {
            LOG.warning(() -> who + ": start unanswered; giving the work up");
            executor.destroy(guid);
            return;
        }
        LifecycleResponse started = answer.get();
        if (!started.ok()) {
            // Cancelled, started on another cell, or gone: someone else owns it now.
            LOG.info(() -> who + ": start refused (" + started.error().message() + "); releasing the reservation");
            executor.destroy(guid);
            return;
        }
        if (!started.shouldStart() && attempts.get() == 1) {
            // Running on this cell already, yet no container here has it (an earlier agent's, reaped).
            LOG.info(() -> who + ": the BBS has it running here already; releasing the reservation");
            executor.destroy(guid);
            return;
        }
        // should_start=false after an unanswered attempt means that attempt started it for us.
        Container container;
        try {
            container = executor.run(guid, TaskRunRequests.of(task.taskDefinition()));
        } catch (IllegalStateException e) {
            // The reservation expired while the start was under way (CellExecutor#expireReservations); the
            // task is RUNNING here now, so fail it as Diego's rep fails a task whose container it cannot run.
            LOG.info(() -> who + ": the reservation expired before it could run; failing the task");
            complete(guid, true, FAILED_TO_RUN_CONTAINER, "");
            return;
        }
        if (container.live()) {
            LOG.info(() -> who + ": running");
        }
    }

    private void completed(Container container) {
        if (!TaskTags.isTask(container)) {
            return; // an LRP's: the LrpProcessor reports it
        }
        queues.submit(container.guid(), "completion of task " + container.guid(),
                () -> reportCompletion(container.guid()));
    }

    void reportCompletion(String guid) {
        String who = "task " + guid;
        Optional<Container> completed = executor.lookup(guid);
        if (completed.isPresent() && completed.get().result() != null && diedOfSignal(completed.get().result())) {
            pause(signalSettle);
        }
        if (shuttingDown) {
            return;
        }
        Optional<Container> found = executor.lookup(guid);
        if (found.isEmpty() || found.get().state() != ContainerState.COMPLETED) {
            return; // already destroyed: nothing to report
        }
        Container container = found.get();
        RunResult result = container.result();
        if (result.stopped()) {
            executor.destroy(guid);
            LOG.info(() -> who + ": stopped after its cancellation; container destroyed");
            return;
        }
        boolean failed = failed(result);
        if (failed && container.info() == null) {
            // The backend could not create the container: Diego's executor marks that retryable and its
            // rep rejects the task, so the next auction may place it on a healthier cell.
            executor.destroy(guid);
            reject(guid, FAILED_TO_CREATE_CONTAINER + ": " + result.failureReason());
            return;
        }
        String output = "";
        String resultFile = TaskTags.resultFile(container);
        if (!resultFile.isEmpty()) {
            try {
                output = readResult(guid, resultFile, TaskTags.resultUser(container));
            } catch (ResultUnavailable e) {
                LOG.info(() -> who + ": cannot read result file " + resultFile + ": " + e.getMessage());
                if (!failed) {
                    complete(guid, true, FAILED_TO_FETCH_RESULT, "");
                    executor.destroy(guid);
                    return;
                }
                // A failed task is reported with its own reason; the result is only a bonus then.
            }
        }
        complete(guid, failed, failureReason(container), output);
        executor.destroy(guid);
    }

    /**
     * The executor's failure reason, as its steps word it: "{@code <log source>}: Exited with status N" for
     * a non-zero exit (source "LOG" without log_source or log_guid), Diego's texts for other failures.
     */
    static String failureReason(Container container) {
        RunResult result = container.result();
        return failed(result) ? result.failureReason() : "";
    }

    /** A relative path is in the home of the user that ran the task's process, where it started. */
    private String readResult(String guid, String path, String user) throws ResultUnavailable {
        try (InputStream in = executor.getFile(guid, path, user)) {
            byte[] bytes = in.readNBytes(MAX_RESULT_BYTES + 1);
            if (bytes.length > MAX_RESULT_BYTES) {
                throw new ResultUnavailable("result file is too large (over " + MAX_RESULT_BYTES + " bytes)");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (BackendException | IOException e) {
            throw new ResultUnavailable(e.getMessage());
        }
    }

    private void complete(String guid, boolean failed, String reason, String output) {
        String who = "task " + guid;
        LOG.info(() -> who + (failed ? ": failed: " + reason : ": succeeded"));
        // Safe to repeat: a completion the BBS already took is refused as an invalid transition.
        retrying.call(who + ": complete",
                        () -> bbs.completeTask(new CompleteTaskRequest(guid, cellId, failed, reason, output)))
                .ifPresentOrElse(r -> {
                    if (r.ok()) {
                        LOG.info(() -> who + ": completed");
                    } else {
                        LOG.info(() -> who + ": complete refused: " + r.error().message());
                    }
                }, () -> LOG.warning(() -> who + ": complete unanswered; the BBS may still show it running here"));
    }

    /**
     * Tried once: a rejection the BBS took but whose reply was lost must not be repeated, since by then the
     * task may run on another cell and a second rejection would take it back to PENDING.
     */
    private void reject(String guid, String reason) {
        String who = "task " + guid;
        if (shuttingDown) {
            return;
        }
        try {
            LifecycleResponse r = bbs.rejectTask(new RejectTaskRequest(guid, reason));
            if (r.ok()) {
                LOG.info(() -> who + ": rejected: " + reason);
            } else {
                LOG.info(() -> who + ": reject refused: " + r.error().message());
            }
        } catch (BbsUnavailableException e) {
            LOG.warning(() -> who + ": reject unanswered (" + e.getMessage() + ")");
        }
    }

    /** The task's steps failed (a stopped container is not reported at all). */
    static boolean failed(RunResult result) {
        return result.failed();
    }

    private static boolean diedOfSignal(RunResult result) {
        return !result.stopped() && result.exitStatus() != null && result.exitStatus() > 128;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String invalid(Task task) {
        if (task == null || task.taskGuid().isEmpty() || task.taskDefinition() == null) {
            return "task_guid and the task definition are required";
        }
        if (task.taskDefinition().action() == null) {
            return "task " + task.taskGuid() + " has no action";
        }
        return null;
    }

    /** The result file could not be read, or was too long. */
    private static final class ResultUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        ResultUnavailable(String message) {
            super(message);
        }
    }
}
