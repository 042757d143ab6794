package org.diego.core.model;

import java.util.List;

/** Runs the actions one after another and stops at the first failure. */
public record SerialAction(List<Action> actions, String logSource) {
    public SerialAction {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public void validate(String field) {
        Action.validateList(Validation.sub(field, "actions"), actions);
    }
}
