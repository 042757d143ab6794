package org.diego.ejb.messaging;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A registry for one thread's transactions: begin, then commit or roll back to run the synchronizations. */
public final class FakeTransactions implements TransactionSynchronizationRegistry {
    private int status = Status.STATUS_NO_TRANSACTION;
    private final Map<Object, Object> resources = new HashMap<>();
    private final List<Synchronization> synchronizations = new ArrayList<>();

    public void begin() {
        status = Status.STATUS_ACTIVE;
    }

    public void commit() {
        end(Status.STATUS_COMMITTED);
    }

    public void rollback() {
        end(Status.STATUS_ROLLEDBACK);
    }

    private void end(int outcome) {
        List<Synchronization> run = List.copyOf(synchronizations);
        synchronizations.clear();
        resources.clear();
        status = Status.STATUS_NO_TRANSACTION;
        run.forEach(s -> s.afterCompletion(outcome));
    }

    @Override
    public Object getTransactionKey() {
        return status == Status.STATUS_NO_TRANSACTION ? null : this;
    }

    @Override
    public void putResource(Object key, Object value) {
        requireActive();
        resources.put(key, value);
    }

    @Override
    public Object getResource(Object key) {
        return resources.get(key);
    }

    @Override
    public void registerInterposedSynchronization(Synchronization sync) {
        requireActive();
        synchronizations.add(sync);
    }

    @Override
    public int getTransactionStatus() {
        return status;
    }

    @Override
    public void setRollbackOnly() {
        requireActive();
        status = Status.STATUS_MARKED_ROLLBACK;
    }

    @Override
    public boolean getRollbackOnly() {
        return status == Status.STATUS_MARKED_ROLLBACK;
    }

    private void requireActive() {
        if (status != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("no active transaction");
        }
    }
}
