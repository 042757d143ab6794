package org.diego.ejb.bbs;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.diego.core.convergence.TaskConvergencePlan.Transition;
import org.diego.core.events.TaskChanged;
import org.diego.core.events.TaskRemoved;
import org.diego.core.messages.TaskAuctionRequest;
import org.diego.core.model.Task;
import org.diego.ejb.cluster.Fence;
import org.diego.ejb.events.EventHub;
import org.diego.ejb.messaging.AuctionRequests;
import org.diego.ejb.persistence.TaskEntity;

/**
 * Task convergence's reads and writes, each write one short transaction by the current converger
 * only ({@link Fences#check}). A write locks the task's row and goes ahead only if the row still has
 * the state and {@code updated_at} the pass read, so a client's transition made meanwhile wins and the
 * repair is skipped. Kept apart from {@link Tasks}, whose methods serve clients and cells.
 */
@Stateless
public class TaskConvergenceWrites {
    @PersistenceContext(unitName = "bbs")
    EntityManager em;
    @Inject
    Fences fences;
    @Inject
    EventHub events;
    @Inject
    AuctionRequests auctions;

    /** Every task, in one query: the pass's snapshot. */
    public List<Task> all() {
        return em.createQuery("SELECT t FROM TaskEntity t ORDER BY t.taskGuid", TaskEntity.class).getResultStream()
                .map(TaskEntity::toModel).toList();
    }

    /** Stores {@code t.after()} (a failure or a demotion) unless the task moved since {@code t.before()}. */
    public boolean transition(Transition t, Fence fence) {
        fences.check(fence);
        TaskEntity row = lockedAsRead(t.before());
        if (row == null) {
            return false;
        }
        Task before = row.toModel();
        row.update(t.after());
        events.publish(new TaskChanged(before, t.after()));
        return true;
    }

    /** Deletes the task unless it moved since the pass read it as {@code observed}. */
    public boolean delete(Task observed, Fence fence) {
        fences.check(fence);
        TaskEntity row = lockedAsRead(observed);
        if (row == null) {
            return false;
        }
        em.remove(row);
        events.publish(new TaskRemoved(row.toModel()));
        return true;
    }

    /**
     * Queues the re-auction batch in one fenced transaction; it reaches the auction queue whole on commit; the
     * auctioneer skips a task that is no longer PENDING when its round runs.
     */
    public void auction(List<TaskAuctionRequest> batch, Fence fence) {
        fences.check(fence);
        batch.forEach(auctions::send);
    }

    /** Refuses a stale converger before it re-submits callbacks (which write through {@link Tasks} later). */
    public void checkFence(Fence fence) {
        fences.check(fence);
    }

    /** The row locked for the transaction, or null when it is gone or no longer as the pass read it. */
    private TaskEntity lockedAsRead(Task observed) {
        TaskEntity row = em.find(TaskEntity.class, observed.taskGuid(), LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            return null;
        }
        Task current = row.toModel();
        return current.state() == observed.state() && current.updatedAt() == observed.updatedAt() ? row : null;
    }
}
