package org.diego.ejb.bridge.staging;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.diego.core.bridge.staging.StagingRequestFromCC;
import org.diego.core.bridge.staging.StagingTaskConfig;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.model.Task;
import org.diego.core.model.TaskDefinition;
import org.diego.core.model.TaskState;
import org.diego.core.model.Validation;
import org.diego.core.model.ValidationException;
import org.diego.ejb.bbs.Tasks;

/**
 * Diego's stager handlers. Without a transaction of its own, so each {@link Tasks} call commits or
 * rolls back alone and a refusal caught here (an existing task, a task already finished) does not
 * doom anything else. Everything is validated and the Task built before the one write, so a bad
 * request leaves nothing behind.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Stager {
    private static final Logger LOG = Logger.getLogger(Stager.class.getName());

    @Inject
    Tasks tasks;
    @Inject
    StagerConfig config;

    /**
     * Desires the staging Task. Throws {@code UnknownLifecycleException} (404), a ValidationException or
     * InvalidJSON DiegoException (400-class). Like Diego, a Task that already exists is success: CC retried.
     */
    public void stage(String stagingGuid, byte[] body) {
        try {
            Validation.guid("staging_guid", stagingGuid);
        } catch (ValidationException e) {
            throw new ValidationException("staging_guid", "must be a guid of A-Z a-z 0-9 _ -");
        }
        StagingRequestFromCC request = StagingRequestFromCC.parse(body).validate();
        TaskDefinition definition = config.taskBuilder(request.lifecycleKind()).build(stagingGuid, request).validate();
        try {
            tasks.desire(stagingGuid, StagingTaskConfig.DOMAIN, definition);
        } catch (DiegoException e) {
            if (e.type() != ErrorType.ResourceExists) {
                throw e;
            }
            LOG.info(() -> "staging task " + stagingGuid + " already exists; treating the request as a retry");
        }
    }

    /** Cancels a staging Task: false (404) when there is none with that guid in the staging domain. */
    public boolean stop(String stagingGuid) {
        Task task = stagingGuid == null ? null : tasks.find(stagingGuid);
        if (task == null || !StagingTaskConfig.DOMAIN.equals(task.domain())) {
            return false;
        }
        if (task.state() == TaskState.Pending || task.state() == TaskState.Running) {
            try {
                tasks.cancel(stagingGuid);
            } catch (DiegoException e) {
                // Finished meanwhile: Diego answers 202 before cancelling, whatever the cancel does.
                LOG.info(() -> "cancelling staging task " + stagingGuid + ": " + e.getMessage());
            }
        }
        return true;
    }

    /** The Task's completion callback: relays to CC and returns the status to answer the BBS. */
    public int completed(String stagingGuid, byte[] body) {
        return new StagingCompletion(new JdkCompletionPoster(config.callbackTimeout(), config.ccUsername().orElse(null),
                config.ccPassword()), config.callbackAttempts(), config::defaultCallback).complete(stagingGuid, body);
    }
}
