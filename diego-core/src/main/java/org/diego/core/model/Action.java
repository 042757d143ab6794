package org.diego.core.model;

/**
 * Diego's Action: a struct of optional action kinds of which exactly one is set. Only {@code run}
 * exists so far; the rest of the action tree (download, serial, parallel, ...) comes with the executor.
 */
public record Action(RunAction run) {
    public void validate(String field) {
        if (run == null) {
            throw new ValidationException(field, "exactly one action must be set (supported: run)");
        }
        run.validate(field + ".run");
    }
}
