package org.diego.cell.executor.steps;

import java.util.List;
import org.diego.core.model.Action;
import org.diego.core.model.CachedDependency;
import org.diego.core.model.CheckDefinition;

/**
 * What a container runs, as Diego's executor container holds it: cached dependencies, setup, the action,
 * and how its health is watched (a legacy monitor action or declarative checks, which win when both are
 * set), with the start timeout and where its log goes. A task has only an action.
 */
public record Recipe(List<CachedDependency> cachedDependencies, Action setup, Action action, Action monitor,
                     CheckDefinition checkDefinition, long startTimeoutMs, String logGuid, String logSource) {
    public Recipe {
        cachedDependencies = cachedDependencies == null ? List.of() : List.copyOf(cachedDependencies);
        logGuid = logGuid == null ? "" : logGuid;
        logSource = logSource == null ? "" : logSource;
    }

    /** Just an action, logged under the default source. */
    public static Recipe of(Action action) {
        return new Recipe(List.of(), null, action, null, null, 0, "", "");
    }

    /** True when readiness checks will decide whether the container is routable. */
    public boolean hasReadinessChecks() {
        return checkDefinition != null && !checkDefinition.readinessChecks().isEmpty();
    }
}
