package org.diego.core.model;

/** Runs {@code action} and fails it when it takes longer than {@code timeout_ms}. */
public record TimeoutAction(Action action, String logSource, long timeoutMs) {

    public void validate(String field) {
        Action.validateInner(Validation.sub(field, "action"), action);
        if (timeoutMs <= 0) {
            throw new ValidationException(Validation.sub(field, "timeout_ms"), "must be positive");
        }
    }
}
