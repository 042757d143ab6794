package org.diego.core.model;

/** Runs {@code action}, logging a message when it starts and when it succeeds or fails. */
public record EmitProgressAction(Action action, String startMessage, String successMessage,
                                 String failureMessagePrefix, String logSource) {

    public void validate(String field) {
        Action.validateInner(Validation.sub(field, "action"), action);
    }
}
