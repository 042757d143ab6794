package org.diego.core.bridge.staging;

/**
 * Kept in the staging Task's annotation so the stager stays stateless: on completion it learns from
 * the Task itself which lifecycle staged and where CC wants the answer.
 */
public record StagingTaskAnnotation(String lifecycle, String completionCallback) {
    public StagingTaskAnnotation {
        lifecycle = lifecycle == null ? "" : lifecycle;
        completionCallback = completionCallback == null ? "" : completionCallback;
    }
}
