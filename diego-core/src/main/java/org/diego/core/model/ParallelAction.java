package org.diego.core.model;

import java.util.List;

/** Runs every action at once and waits for all; fails with the first error. */
public record ParallelAction(List<Action> actions, String logSource) {
    public ParallelAction {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public void validate(String field) {
        Action.validateList(Validation.sub(field, "actions"), actions);
    }
}
