package org.diego.ejb.bridge.staging;

import java.io.IOException;
import java.util.logging.Logger;
import org.diego.core.api.TaskCallbackResponse;
import org.diego.core.bridge.staging.StagingResponseForCC;
import org.diego.core.bridge.staging.StagingResponses;
import org.diego.core.bridge.staging.StagingTaskAnnotation;
import org.diego.core.json.Json;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ValidationException;

/**
 * Relays a staging Task's completion to Cloud Controller and says what to answer the BBS: CC's own
 * status when CC answered (so a 503 from CC makes the BBS call again later), 503 when CC could not
 * be reached after every attempt, 200 on success. Pure apart from the injected poster.
 */
public final class StagingCompletion {
    private static final Logger LOG = Logger.getLogger(StagingCompletion.class.getName());

    /** Where a completion goes when CC's request named no callback. */
    @FunctionalInterface
    public interface DefaultCallback {
        java.util.Optional<String> of(String stagingGuid);
    }

    private final CompletionPoster poster;
    private final int attempts;
    private final DefaultCallback defaults;

    public StagingCompletion(CompletionPoster poster, int attempts, DefaultCallback defaults) {
        this.poster = poster;
        this.attempts = Math.max(1, attempts);
        this.defaults = defaults;
    }

    /** The HTTP status for the BBS; a body that is no TaskCallbackResponse is a ValidationException (400). */
    public int complete(String stagingGuid, byte[] body) {
        TaskCallbackResponse task = Json.read(body, TaskCallbackResponse.class);
        if (!stagingGuid.equals(task.taskGuid())) {
            throw new ValidationException("task_guid", "is " + task.taskGuid() + ", not the staging guid " + stagingGuid);
        }
        StagingTaskAnnotation annotation;
        try {
            annotation = Json.read(task.annotation() == null ? "" : task.annotation(), StagingTaskAnnotation.class);
        } catch (DiegoException e) {
            throw new ValidationException("annotation", "is not a staging task annotation: " + e.getMessage());
        }
        String url = annotation.completionCallback().isEmpty()
                ? defaults.of(stagingGuid).orElseThrow(() -> new ValidationException("annotation.completion_callback",
                        "is empty and diego.cc.base-url is not set"))
                : annotation.completionCallback();
        StagingResponseForCC response = StagingResponses.fromTask(task.failed(), task.failureReason(), task.result());
        return post(stagingGuid, url, Json.write(response));
    }

    private int post(String guid, String url, String json) {
        String last = "";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                int status = poster.post(url, json);
                if (status >= 200 && status < 300) {
                    return 200;
                }
                if (status < 500) {
                    int s = status;
                    LOG.warning(() -> "Cloud Controller refused the staging result of " + guid + ": " + s);
                    return status;
                }
                last = "status " + status;
                if (attempt == attempts) {
                    return status;
                }
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 503;
            } catch (IllegalArgumentException e) {
                throw new ValidationException("annotation.completion_callback", "is not a usable URL: " + url);
            }
        }
        String why = last;
        LOG.warning(() -> "cannot tell Cloud Controller the staging result of " + guid + ": " + why);
        return 503;
    }
}
