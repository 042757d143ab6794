package org.diego.core.model;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One-off work and its progress (Diego's Task). Diego embeds the definition, so its fields sit at the
 * top level of the Task's JSON next to {@code task_guid}, {@code state}, ...; {@link JsonUnwrapped}
 * does the same. Timestamps are nanoseconds since the epoch.
 *
 * <p>The state machine lives here: each transition returns the next record or throws the Diego error
 * Diego's SQL layer returns for the refused move (InvalidStateTransition, RunningOnDifferentCell, ...).
 * Like Diego, completing (and cancelling, failing) clears {@code cell_id}; events keep the old one in
 * their "before" record.
 */
public record Task(
        @JsonUnwrapped TaskDefinition taskDefinition,
        String taskGuid,
        String domain,
        long createdAt,
        long updatedAt,
        long firstCompletedAt,
        TaskState state,
        String cellId,
        String result,
        boolean failed,
        String failureReason,
        int rejectionCount,
        String rejectionReason) {

    /** Diego truncates stored reasons to this many characters (its column width). */
    public static final int MAX_REASON_LENGTH = 1024;
    public static final String CANCELLED = "task was cancelled";

    public Task {
        taskGuid = TaskDefinition.orEmpty(taskGuid);
        domain = TaskDefinition.orEmpty(domain);
        state = state == null ? TaskState.Invalid : state;
        cellId = TaskDefinition.orEmpty(cellId);
        result = TaskDefinition.orEmpty(result);
        failureReason = TaskDefinition.orEmpty(failureReason);
        rejectionReason = TaskDefinition.orEmpty(rejectionReason);
    }

    /** A newly desired task, waiting for a cell. */
    public static Task pending(TaskDefinition definition, String taskGuid, String domain, long nowNanos) {
        return new Task(definition, taskGuid, domain, nowNanos, nowNanos, 0, TaskState.Pending, "", "", false, "", 0, "");
    }

    /** Diego's Task.Validate: guid, domain, then the definition; throws naming the first bad field. */
    public Task validate() {
        Validation.guid("task_guid", taskGuid);
        Validation.required("domain", domain);
        Validation.required("task_definition", taskDefinition);
        taskDefinition.validate();
        return this;
    }

    public String completionCallbackUrl() {
        return taskDefinition == null ? "" : taskDefinition.completionCallbackUrl();
    }

    /**
     * A cell starts the task. Returns this very record when it already runs on that cell (Diego answers
     * should_start=false then, without error); a task running elsewhere, or past running, is refused.
     */
    public Task start(String onCell, long nowNanos) {
        if (state == TaskState.Running && cellId.equals(onCell)) {
            return this;
        }
        requireState(TaskState.Running, TaskState.Pending);
        return with(TaskState.Running, onCell, nowNanos);
    }

    /** The client gives up on the task: PENDING or RUNNING becomes COMPLETED, failed. */
    public Task cancel(long nowNanos) {
        return fail(CANCELLED, nowNanos);
    }

    /** Diego's deprecated FailTask (and the end of too many rejections): as {@link #cancel} with a reason. */
    public Task fail(String reason, long nowNanos) {
        requireState(TaskState.Completed, TaskState.Pending, TaskState.Running);
        return completed(true, reason, "", nowNanos);
    }

    /** The cell that runs the task reports its end. */
    public Task complete(String byCell, boolean hasFailed, String reason, String taskResult, long nowNanos) {
        if (state == TaskState.Running && !cellId.equals(byCell)) {
            throw new DiegoException(ErrorType.RunningOnDifferentCell,
                    "task " + taskGuid + " is running on cell " + cellId + ", not " + byCell);
        }
        requireState(TaskState.Completed, TaskState.Running);
        return completed(hasFailed, reason, taskResult, nowNanos);
    }

    /**
     * The auctioneer or a cell could not place the task (Diego's RejectTask): the rejection is counted and
     * the task waits for another auction, off its cell. When the count before this rejection had already
     * reached {@code maxRetries}, the task fails with the rejection reason instead (Diego compares the
     * count read before rejecting, so with 3 retries the fourth rejection fails it).
     */
    public Task reject(String reason, int maxRetries, long nowNanos) {
        if (state != TaskState.Pending && state != TaskState.Running) {
            throw new DiegoException(ErrorType.InvalidRequest,
                    "cannot reject task " + taskGuid + ": it is " + state + ", not Pending or Running");
        }
        String why = truncate(reason);
        Task rejected = new Task(taskDefinition, taskGuid, domain, createdAt, nowNanos, firstCompletedAt,
                TaskState.Pending, "", result, failed, failureReason, rejectionCount + 1, why);
        return rejectionCount >= maxRetries ? rejected.completed(true, why, "", nowNanos) : rejected;
    }

    /** A client (or the BBS's callback worker) claims the completed task before deleting it. */
    public Task resolving(long nowNanos) {
        requireState(TaskState.Resolving, TaskState.Completed);
        return with(TaskState.Resolving, cellId, nowNanos);
    }

    /**
     * Task convergence gives up on a task (PENDING too long, RUNNING on a vanished cell): COMPLETED and
     * failed like {@link #fail}, except that Diego's convergence leaves {@code cell_id} as it was, so the
     * task still names the cell it was lost on.
     */
    public Task failByConvergence(String reason, long nowNanos) {
        requireState(TaskState.Completed, TaskState.Pending, TaskState.Running);
        return new Task(taskDefinition, taskGuid, domain, createdAt, nowNanos, nowNanos, TaskState.Completed, cellId,
                "", true, truncate(reason), rejectionCount, rejectionReason);
    }

    /**
     * Task convergence: a RESOLVING task whose resolver went quiet is COMPLETED again, so that its
     * callback is sent anew or it expires. Diego changes only the state: {@code updated_at} keeps the
     * resolver's time, which is what makes the same pass re-send the callback.
     */
    public Task demote() {
        requireState(TaskState.Completed, TaskState.Resolving);
        return with(TaskState.Completed, cellId, updatedAt);
    }

    /** Only a task some client is resolving may be deleted. */
    public void checkDeletable() {
        if (state != TaskState.Resolving) {
            throw new DiegoException(ErrorType.InvalidStateTransition,
                    "cannot delete task " + taskGuid + ": it is " + state + ", not Resolving");
        }
    }

    private Task completed(boolean hasFailed, String reason, String taskResult, long nowNanos) {
        return new Task(taskDefinition, taskGuid, domain, createdAt, nowNanos, nowNanos, TaskState.Completed, "",
                taskResult, hasFailed, truncate(reason), rejectionCount, rejectionReason);
    }

    private Task with(TaskState to, String onCell, long nowNanos) {
        return new Task(taskDefinition, taskGuid, domain, createdAt, nowNanos, firstCompletedAt, to, onCell,
                result, failed, failureReason, rejectionCount, rejectionReason);
    }

    private void requireState(TaskState to, TaskState... allowedFrom) {
        for (TaskState from : allowedFrom) {
            if (state == from) {
                return;
            }
        }
        throw new DiegoException(ErrorType.InvalidStateTransition,
                "cannot transition task " + taskGuid + " from " + state + " to " + to);
    }

    private static String truncate(String reason) {
        String r = TaskDefinition.orEmpty(reason);
        if (r.length() <= MAX_REASON_LENGTH) {
            return r;
        }
        // Never split a surrogate pair: half a character is not valid UTF-8 for the column.
        int end = Character.isHighSurrogate(r.charAt(MAX_REASON_LENGTH - 1)) ? MAX_REASON_LENGTH - 1 : MAX_REASON_LENGTH;
        return r.substring(0, end);
    }
}
