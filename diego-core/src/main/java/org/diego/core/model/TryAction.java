package org.diego.core.model;

/** Runs {@code action} and succeeds even when it fails. */
public record TryAction(Action action, String logSource) {

    public void validate(String field) {
        Action.validateInner(Validation.sub(field, "action"), action);
    }
}
