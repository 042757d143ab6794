package org.diego.cell.rep;

import java.util.ArrayList;
import java.util.List;
import org.diego.cell.executor.RunRequest;
import org.diego.cell.executor.steps.Recipe;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.EnvironmentVariable;

/**
 * Builds the executor's run request for one instance, like Diego's rep does from a DesiredLRP: the
 * DesiredLRP's env plus the instance's identity, and its whole recipe (cached dependencies, setup,
 * action, monitor or check definition, start timeout, log source) and its max_pids (memory and disk
 * come from the reservation). The executor adds the network variables and each run action's own env
 * goes on top.
 */
final class RunRequests {
    private RunRequests() {
    }

    static RunRequest of(DesiredLrp desired, int index, String instanceGuid) {
        List<EnvironmentVariable> env = new ArrayList<>(desired.env());
        env.add(new EnvironmentVariable("INSTANCE_GUID", instanceGuid));
        env.add(new EnvironmentVariable("INSTANCE_INDEX", Integer.toString(index)));
        env.add(new EnvironmentVariable("CF_INSTANCE_GUID", instanceGuid));
        env.add(new EnvironmentVariable("CF_INSTANCE_INDEX", Integer.toString(index)));
        Recipe recipe = new Recipe(desired.cachedDependencies(), desired.setup(), desired.action(), desired.monitor(),
                desired.checkDefinition(), desired.startTimeoutMs(), desired.logGuid(), desired.logSource());
        return new RunRequest(desired.rootfs(), env, desired.ports(), recipe, desired.maxPids());
    }
}
