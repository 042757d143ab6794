package org.diego.core.bridge.nsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.diego.core.bridge.cc.TaskRequestFromCC;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.RunAction;
import org.diego.core.model.TaskDefinition;
import org.diego.core.model.ValidationException;
import org.junit.jupiter.api.Test;

/** CC tasks → task definitions with Diego's buildpack and docker task recipes. */
class TaskRecipeBuilderTest {
    final TaskRecipeBuilder builder = new TaskRecipeBuilder(new RecipeSettings(null, false));

    static TaskRequestFromCC task(String lifecycle, String droplet, String docker) {
        return new TaskRequestFromCC("t-1", "app", 128, 256, lifecycle, List.of(new EnvironmentVariable("A", "1")),
                null, droplet, "h", docker, null, null, "cflinuxfs4", "http://cc/done", "echo hi", "APP/TASK/t",
                null, "seg");
    }

    @Test
    void buildpackTaskDownloadsTheDropletThenRunsTheLauncher() {
        TaskDefinition t = builder.build(task("buildpack", "http://cc/d", null));
        t.validate();
        assertEquals("preloaded:cflinuxfs4", t.rootfs());
        assertEquals("http://cc/done", t.completionCallbackUrl());
        assertEquals(List.of("seg"), t.placementTags());
        assertEquals("http://127.0.0.1:28080/file-server/v1/static/buildpack_app_lifecycle/buildpack_app_lifecycle.tgz",
                t.cachedDependencies().get(0).from());
        var steps = t.action().serial().actions();
        assertEquals("http://cc/d", steps.get(0).download().from());
        assertEquals("sha1", steps.get(0).download().checksumAlgorithm());
        RunAction run = steps.get(1).run();
        assertEquals(List.of("app", "echo hi", ""), run.args());
        assertEquals("vcap", run.user());
        assertEquals("APP/TASK/t", t.logSource());
    }

    @Test
    void dockerTaskRunsOnTheImage() {
        TaskDefinition t = builder.build(task("docker", null, "busybox"));
        t.validate();
        assertEquals("docker:///library/busybox", t.rootfs());
        RunAction run = t.action().run();
        assertEquals(List.of("app", "echo hi", "{}"), run.args());
        assertEquals("root", run.user());
    }

    @Test
    void anUnknownLifecycleIsRefused() {
        assertEquals("lifecycle", assertThrows(ValidationException.class,
                () -> builder.build(task("windows", "http://d", null))).field());
    }
}
