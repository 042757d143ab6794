package org.diego.cell.rep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.diego.cell.executor.RunRequest;
import org.diego.core.model.Action;
import org.diego.core.model.CachedDependency;
import org.diego.core.model.Check;
import org.diego.core.model.CheckDefinition;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.RunAction;
import org.diego.core.model.TaskDefinition;
import org.diego.core.model.TcpCheck;
import org.junit.jupiter.api.Test;

/** What the rep asks the executor to run: the whole recipe, the instance's identity and the pid limit. */
class RunRequestsTest {
    private static final Action ACTION = Action.of(new RunAction("/bin/app", List.of(), null, List.of(), "vcap"));

    @Test
    void anInstanceCarriesItsRecipeIdentityAndMaxPids() {
        CheckDefinition checks = new CheckDefinition(List.of(new Check(new TcpCheck(8080, 0, 0), null)), "HC",
                List.of());
        DesiredLrp desired = DesiredLrp.builder().processGuid("pg").domain("d").rootfs("preloaded:cflinuxfs4")
                .instances(1).memoryMb(128).diskMb(256).maxPids(100).ports(List.of(8080))
                .env(List.of(new EnvironmentVariable("A", "1"))).action(ACTION).checkDefinition(checks)
                .startTimeoutMs(60_000).build();

        RunRequest request = RunRequests.of(desired, 2, "ig-1");

        assertEquals(100, request.maxPids());
        assertEquals("preloaded:cflinuxfs4", request.rootfs());
        assertEquals(List.of(8080), request.ports());
        assertEquals(ACTION, request.recipe().action());
        assertEquals(checks, request.recipe().checkDefinition());
        assertEquals(60_000, request.recipe().startTimeoutMs());
        assertTrue(request.env().contains(new EnvironmentVariable("CF_INSTANCE_INDEX", "2")), request.env().toString());
        assertTrue(request.env().contains(new EnvironmentVariable("A", "1")));
    }

    @Test
    void aTaskCarriesItsActionTreeAndMaxPids() {
        TaskDefinition definition = new TaskDefinition("preloaded:cflinuxfs4", List.of(), ACTION, 32, 64, 0, false,
                "TASK", "log-guid", "", "", "", "", "", List.of(), 7, "", "");

        RunRequest request = TaskRunRequests.of(definition);

        assertEquals(7, request.maxPids());
        assertEquals(ACTION, request.recipe().action());
        assertEquals("TASK", request.recipe().logSource());
        assertEquals(List.of(), request.ports());
    }

    @Test
    void aTaskCarriesItsCachedDependencies() {
        CachedDependency lifecycle = new CachedDependency("", "http://fs/v1/static/buildpack_app_lifecycle.tgz",
                "tmp/lifecycle", "buildpack-cflinuxfs4-lifecycle", "", null, null);
        TaskDefinition definition = TaskDefinition.builder().rootfs("preloaded:cflinuxfs4").action(ACTION)
                .cachedDependencies(List.of(lifecycle)).build();

        assertEquals(List.of(lifecycle), TaskRunRequests.of(definition).recipe().cachedDependencies());
    }
}
