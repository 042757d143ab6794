package org.diego.ejb.tasks;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.model.Task;
import org.diego.ejb.bbs.Tasks;
import org.diego.ejb.config.DiegoConfig;

/**
 * Runs completion callbacks on the application server's managed executor. A callback is queued only
 * once the transaction that completed the task commits, so a rolled-back completion calls nobody and
 * the receiver never hears of a result the database does not hold. Each delivery's two writes go
 * through {@link Tasks} in their own transactions, never holding a row lock across the HTTP call.
 */
@ApplicationScoped
public class TaskCallbacks {
    private static final Logger LOG = Logger.getLogger(TaskCallbacks.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;
    @Resource
    TransactionSynchronizationRegistry transactions;
    @Inject
    Tasks tasks;
    @Inject
    DiegoConfig config;

    private CallbackDelivery delivery;

    @PostConstruct
    void init() {
        CallbackDelivery.TaskStore store = new CallbackDelivery.TaskStore() {
            @Override
            public void resolving(String taskGuid) {
                tasks.resolving(taskGuid);
            }

            @Override
            public void delete(String taskGuid) {
                tasks.delete(taskGuid);
            }
        };
        delivery = new CallbackDelivery(store, new JdkCallbackClient(config.taskCallbackTimeout()));
    }

    /** Queues the callback of a just-completed task for after the current commit (at once without a transaction). */
    public void afterCommit(Task completed) {
        if (completed.completionCallbackUrl().isEmpty()) {
            return;
        }
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            submit(completed);
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    submit(completed);
                }
            }
        });
    }

    /** Queues the callback now; task convergence uses this for completed tasks nobody resolved. */
    public void submit(Task completed) {
        try {
            executor.execute(() -> {
                try {
                    delivery.deliver(completed);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "callback of task " + completed.taskGuid() + " failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // Committed regardless; convergence sends the callback of a completed task again later.
            LOG.log(Level.WARNING, "cannot queue the callback of task " + completed.taskGuid(), e);
        }
    }
}
