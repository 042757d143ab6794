package org.diego.ejb.tasks;

import java.io.EOFException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.api.TaskCallbackResponse;
import org.diego.core.json.Json;
import org.diego.core.model.DiegoException;
import org.diego.core.model.Task;

/**
 * Diego's handling of a completed task with a callback URL: move it to RESOLVING (so no other
 * resolver takes it), POST the TaskCallbackResponse up to {@value #MAX_ATTEMPTS} times, and delete the
 * task as soon as the receiver answers anything but 503 or 504. As in Diego, a timeout or a closed
 * connection and a 503/504 answer try again; any other transport error gives up at once. A task left
 * RESOLVING is demoted to COMPLETED by task convergence and its callback sent again from there.
 */
public final class CallbackDelivery {
    private static final Logger LOG = Logger.getLogger(CallbackDelivery.class.getName());
    public static final int MAX_ATTEMPTS = 3;

    /** The two transitions the delivery makes, each in its own transaction. */
    public interface TaskStore {
        /** COMPLETED to RESOLVING; throws the DiegoException when the task is gone or not COMPLETED. */
        void resolving(String taskGuid);

        /** Deletes a RESOLVING task; throws the DiegoException when it cannot. */
        void delete(String taskGuid);
    }

    public enum Outcome {
        /** The task has no callback URL. */
        NO_CALLBACK,
        /** Another resolver (or a deletion) came first; nothing was sent. */
        NOT_RESOLVABLE,
        /** The receiver took the result and the task is deleted. */
        DELETED,
        /** The receiver took the result but the task could not be deleted. */
        DELETE_REFUSED,
        /** Every attempt was answered 503 or 504: the receiver wants it later. */
        UNAVAILABLE,
        /** Every attempt timed out or lost its connection. */
        UNREACHABLE,
        /** A transport error that is not retried (refused connection, bad URL, interruption). */
        FAILED
    }

    private final TaskStore store;
    private final CallbackClient client;

    public CallbackDelivery(TaskStore store, CallbackClient client) {
        this.store = store;
        this.client = client;
    }

    /** Delivers the callback of {@code completed} (the task as its completion left it). */
    public Outcome deliver(Task completed) {
        String guid = completed.taskGuid();
        String url = completed.completionCallbackUrl();
        if (url.isEmpty()) {
            return Outcome.NO_CALLBACK;
        }
        try {
            store.resolving(guid);
        } catch (DiegoException e) {
            LOG.info(() -> "not calling back for task " + guid + ": " + e.getMessage());
            return Outcome.NOT_RESOLVABLE;
        }
        String body = Json.write(TaskCallbackResponse.of(completed));
        int status = 0;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                status = client.post(url, body);
            } catch (IOException e) {
                if (retryable(e)) {
                    int n = attempt;
                    LOG.fine(() -> "callback of task " + guid + " attempt " + n + " failed: " + e);
                    continue;
                }
                LOG.log(Level.WARNING, "callback of task " + guid + " to " + url + " failed", e);
                return Outcome.FAILED;
            } catch (IllegalArgumentException e) {
                LOG.warning(() -> "task " + guid + " has an unusable callback URL " + url + ": " + e.getMessage());
                return Outcome.FAILED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.FAILED;
            }
            if (status != 503 && status != 504) {
                return delete(guid);
            }
        }
        int last = status;
        LOG.info(() -> "callback of task " + guid + " to " + url + " gave up after " + MAX_ATTEMPTS + " attempts"
                + (last == 0 ? " (no answer)" : " (HTTP " + last + ")"));
        return last == 0 ? Outcome.UNREACHABLE : Outcome.UNAVAILABLE;
    }

    private Outcome delete(String guid) {
        try {
            store.delete(guid);
            return Outcome.DELETED;
        } catch (DiegoException e) {
            LOG.warning(() -> "task " + guid + " was called back but cannot be deleted: " + e.getMessage());
            return Outcome.DELETE_REFUSED;
        }
    }

    /**
     * Diego retries only its client's timeout and "use of closed network connection"; the JDK's
     * counterparts are a timeout exception and an exchange the other side ended without an answer.
     */
    static boolean retryable(IOException e) {
        if (e instanceof HttpTimeoutException || e instanceof EOFException) {
            return true;
        }
        String message = String.valueOf(e.getMessage());
        return message.contains("closed") || message.contains("received no bytes");
    }
}
