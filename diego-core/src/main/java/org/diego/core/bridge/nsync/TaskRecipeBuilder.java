package org.diego.core.bridge.nsync;

import java.util.List;
import org.diego.core.bridge.cc.TaskRequestFromCC;
import org.diego.core.model.Action;
import org.diego.core.model.DownloadAction;
import org.diego.core.model.ResourceLimits;
import org.diego.core.model.RunAction;
import org.diego.core.model.SerialAction;
import org.diego.core.model.TaskDefinition;
import org.diego.core.model.TaskDefinitionBuilder;

/**
 * A CC task as a task definition (domain {@code cf-tasks}), as Diego's nsync: buildpack tasks download
 * the droplet and run {@code launcher app <command> ""} as vcap on {@code preloaded:<rootfs>}; docker
 * tasks run {@code launcher app <command> {}} as root on the image.
 */
public final class TaskRecipeBuilder {
    private final RecipeSettings settings;

    public TaskRecipeBuilder(RecipeSettings settings) {
        this.settings = settings;
    }

    public TaskDefinition build(TaskRequestFromCC task) {
        task.validate();
        return "docker".equals(task.lifecycle()) ? docker(task) : buildpack(task);
    }

    private TaskDefinition buildpack(TaskRequestFromCC task) {
        String stack = task.rootfs() == null ? "" : task.rootfs();
        DownloadAction droplet = new DownloadAction("", task.dropletUri(), ".", "", "", "vcap",
                AppRecipeBuilder.hashAlgorithm(task.dropletHash()), AppRecipeBuilder.emptyToNull(task.dropletHash()));
        RunAction run = new RunAction(settings.launcher(), List.of("app", task.command(), ""), null, task.environment(),
                new ResourceLimits(null, null), "vcap", task.logSource(), false, null);
        return common(task)
                .rootfs("preloaded:" + stack)
                .cachedDependencies(List.of(Recipes.lifecycle(settings, "buildpack", "buildpack-" + stack + "-lifecycle")))
                .action(Action.of(new SerialAction(List.of(Action.of(droplet), Action.of(run)), null)))
                .build();
    }

    private TaskDefinition docker(TaskRequestFromCC task) {
        RunAction run = new RunAction(settings.launcher(), List.of("app", task.command(), "{}"), null, task.environment(),
                new ResourceLimits(null, null), "root", task.logSource(), false, null);
        return common(task)
                .rootfs(DockerImages.rootfs("docker_path", task.dockerPath()))
                .cachedDependencies(List.of(Recipes.lifecycle(settings, "docker", "docker-lifecycle")))
                .action(Action.of(run))
                .imageUsername(AppRecipeBuilder.emptyToNull(task.dockerUser()))
                .imagePassword(AppRecipeBuilder.emptyToNull(task.dockerPassword()))
                .build();
    }

    private TaskDefinitionBuilder common(TaskRequestFromCC task) {
        return TaskDefinition.builder()
                .logGuid(task.logGuid())
                .memoryMb(task.memoryMb())
                .diskMb(task.diskMb())
                .cpuWeight(Recipes.cpuWeight(task.memoryMb()))
                .privileged(settings.privileged())
                .env(task.environment())
                .egressRules(task.egressRules())
                .completionCallbackUrl(task.completionCallback())
                .trustedSystemCertificatesPath(Recipes.TRUSTED_CERTIFICATES_PATH)
                .logSource(task.logSource())
                .volumeMounts(Recipes.volumeMounts(task.volumeMounts()))
                .placementTags(Recipes.placementTags(task.isolationSegment()));
    }
}
