package org.diego.core.model;

import java.util.List;

/** Runs the actions at once; the first to exit, successfully or not, stops the others. */
public record CodependentAction(List<Action> actions, String logSource) {
    public CodependentAction {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public void validate(String field) {
        Action.validateList(Validation.sub(field, "actions"), actions);
    }
}
