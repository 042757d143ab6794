package org.diego.ejb.bbs;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.diego.core.events.TaskChanged;
import org.diego.core.events.TaskCreated;
import org.diego.core.events.TaskRemoved;
import org.diego.core.messages.CancelTask;
import org.diego.core.messages.TaskAuctionRequest;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.model.Task;
import org.diego.core.model.TaskDefinition;
import org.diego.core.model.TaskState;
import org.diego.core.time.Nanos;
import org.diego.ejb.config.DiegoConfig;
import org.diego.ejb.events.EventHub;
import org.diego.ejb.messaging.AuctionRequests;
import org.diego.ejb.messaging.Messenger;
import org.diego.ejb.persistence.TaskEntity;
import org.diego.ejb.tasks.TaskCallbacks;

/**
 * Diego's task lifecycle. Each transition is one transaction that locks the task's row (SELECT ... FOR
 * UPDATE), lets the diego-core record decide, writes the result and publishes the event, so two cells
 * starting one task serialise on the lock and only the first is told to start it. Messages to the
 * cells join the transaction, requests to the auctioneer leave after its commit; completion callbacks are queued for after its commit.
 */
@Stateless
public class Tasks {
    @PersistenceContext(unitName = "bbs")
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    Messenger messenger;
    @Inject
    AuctionRequests auctions;
    @Inject
    EventHub events;
    @Inject
    Cells cells;
    @Inject
    DiegoConfig config;
    @Inject
    TaskCallbacks callbacks;

    /** Stores the task PENDING and asks the auctioneer for a cell. */
    public Task desire(String taskGuid, String domain, TaskDefinition definition) {
        Task task = Task.pending(definition, taskGuid, domain, now()).validate();
        em.persist(TaskEntity.of(task));
        try {
            // As for desired LRPs: the primary key decides, no existence or locking read of a missing row.
            em.flush();
        } catch (PersistenceException e) {
            if (DuplicateKey.causes(e)) {
                throw exists(taskGuid);
            }
            throw e;
        }
        events.publish(new TaskCreated(task));
        auctions.send(TaskAuctionRequest.of(task));
        return task;
    }

    /** Tasks, optionally of one domain and/or on one cell ("" or null = any). */
    public List<Task> list(String domain, String cellId) {
        StringBuilder jpql = new StringBuilder("SELECT t FROM TaskEntity t");
        List<String> where = new ArrayList<>();
        if (!empty(domain)) {
            where.add("t.domain = :domain");
        }
        if (!empty(cellId)) {
            where.add("t.cellId = :cellId");
        }
        if (!where.isEmpty()) {
            jpql.append(" WHERE ").append(String.join(" AND ", where));
        }
        var query = em.createQuery(jpql.append(" ORDER BY t.taskGuid").toString(), TaskEntity.class);
        if (!empty(domain)) {
            query.setParameter("domain", domain);
        }
        if (!empty(cellId)) {
            query.setParameter("cellId", cellId);
        }
        return query.getResultStream().map(TaskEntity::toModel).toList();
    }

    public Task get(String taskGuid) {
        Task task = find(taskGuid);
        if (task == null) {
            throw notFound(taskGuid);
        }
        return task;
    }

    /** Like {@link #get} but null when absent: a refusal would roll back the caller's transaction. */
    public Task find(String taskGuid) {
        TaskEntity row = em.find(TaskEntity.class, taskGuid);
        return row == null ? null : row.toModel();
    }

    /** True when {@code cellId} should run the task now; false when it already runs it there. */
    public boolean start(String taskGuid, String cellId) {
        return transition(taskGuid, t -> t.start(cellId, now())).changed();
    }

    /** Fails the task as cancelled and tells the cell running it (if still live) to stop it. */
    public void cancel(String taskGuid) {
        Change c = transition(taskGuid, t -> t.cancel(now()));
        String cell = c.before().cellId();
        if (c.before().state() == TaskState.Running && !cell.isEmpty() && cells.liveIds().contains(cell)) {
            messenger.toCell(cell, new CancelTask(taskGuid));
        }
        callbacks.afterCommit(c.after());
    }

    /** Diego's deprecated FailTask. */
    public void fail(String taskGuid, String failureReason) {
        callbacks.afterCommit(transition(taskGuid, t -> t.fail(failureReason, now())).after());
    }

    /** A placement failed: back to PENDING for the next auction, or failed after too many rejections. */
    public void reject(String taskGuid, String rejectionReason) {
        Task after = transition(taskGuid, t -> t.reject(rejectionReason, config.taskMaxRetries(), now())).after();
        if (after.state() == TaskState.Completed) {
            callbacks.afterCommit(after);
        }
    }

    /**
     * The auctioneer could not place a task: rejects it only while it is still PENDING (it may have been
     * cancelled or started meanwhile). Never throws, since a refusal would roll back the auction round.
     */
    public boolean rejectIfPending(String taskGuid, String rejectionReason) {
        TaskEntity row = em.find(TaskEntity.class, taskGuid, LockModeType.PESSIMISTIC_WRITE);
        if (row == null || row.toModel().state() != TaskState.Pending) {
            return false;
        }
        reject(taskGuid, rejectionReason);
        return true;
    }

    public void complete(String taskGuid, String cellId, boolean failed, String failureReason, String result) {
        callbacks.afterCommit(transition(taskGuid, t -> t.complete(cellId, failed, failureReason, result, now())).after());
    }

    public Task resolving(String taskGuid) {
        return transition(taskGuid, t -> t.resolving(now())).after();
    }

    public void delete(String taskGuid) {
        TaskEntity row = lock(taskGuid);
        Task task = row.toModel();
        task.checkDeletable();
        em.remove(row);
        events.publish(new TaskRemoved(task));
    }

    /** The task before and after a transition; the same record when the move was a no-op. */
    private record Change(Task before, Task after) {
        boolean changed() {
            return before != after;
        }
    }

    private Change transition(String taskGuid, UnaryOperator<Task> move) {
        TaskEntity row = lock(taskGuid);
        Task before = row.toModel();
        Task after = move.apply(before);
        Change change = new Change(before, after);
        if (change.changed()) {
            row.update(after);
            events.publish(new TaskChanged(before, after));
        }
        return change;
    }

    /** The row, locked FOR UPDATE for the rest of the transaction. */
    private TaskEntity lock(String taskGuid) {
        TaskEntity row = em.find(TaskEntity.class, taskGuid, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw notFound(taskGuid);
        }
        return row;
    }

    private long now() {
        return Nanos.now(clock);
    }

    private static DiegoException exists(String taskGuid) {
        return new DiegoException(ErrorType.ResourceExists, "the requested resource already exists: task " + taskGuid);
    }

    private static DiegoException notFound(String taskGuid) {
        return DiegoException.notFound("task " + taskGuid);
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}
