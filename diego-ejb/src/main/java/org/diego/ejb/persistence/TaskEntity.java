package org.diego.ejb.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.diego.core.json.Json;
import org.diego.core.model.Task;
import org.diego.core.model.TaskDefinition;
import org.diego.core.model.TaskState;

/** One row of {@code tasks}: the definition as JSON (it never changes), the progress in columns. */
@Entity
@Table(name = "tasks")
public class TaskEntity {
    @Id @Column(name = "task_guid") private String taskGuid;
    @Column(name = "domain") private String domain;
    @Column(name = "created_at") private long createdAt;
    @Column(name = "updated_at") private long updatedAt;
    @Column(name = "first_completed_at") private long firstCompletedAt;
    @Column(name = "state") private int state;
    @Column(name = "cell_id") private String cellId;
    @Column(name = "result") private String result;
    @Column(name = "failed") private boolean failed;
    @Column(name = "failure_reason") private String failureReason;
    @Column(name = "task_definition") private String taskDefinition;
    @Column(name = "rejection_count") private int rejectionCount;
    @Column(name = "rejection_reason") private String rejectionReason;

    protected TaskEntity() {
    }

    public static TaskEntity of(Task task) {
        TaskEntity e = new TaskEntity();
        e.taskGuid = task.taskGuid();
        e.domain = task.domain();
        e.createdAt = task.createdAt();
        e.taskDefinition = Json.write(task.taskDefinition());
        e.update(task);
        return e;
    }

    /** Writes what a transition may change; guid, domain, creation time and definition are fixed. */
    public void update(Task task) {
        updatedAt = task.updatedAt();
        firstCompletedAt = task.firstCompletedAt();
        state = task.state().code();
        cellId = task.cellId();
        result = task.result();
        failed = task.failed();
        failureReason = task.failureReason();
        rejectionCount = task.rejectionCount();
        rejectionReason = task.rejectionReason();
    }

    public Task toModel() {
        return new Task(Json.read(taskDefinition, TaskDefinition.class), taskGuid, domain, createdAt, updatedAt,
                firstCompletedAt, TaskState.ofCode(state), cellId, result, failed, failureReason, rejectionCount,
                rejectionReason);
    }
}
