package org.diego.core.bridge.cc;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.SecurityGroupRule;
import org.diego.core.model.Validation;
import org.diego.core.model.ValidationException;

/**
 * A CC task ({@code POST /v1/tasks}), Diego's {@code TaskRequestFromCC}: a one-off command run with the
 * app's droplet (lifecycle {@code buildpack}) or image (lifecycle {@code docker}). {@code rootfs} is the
 * stack for buildpack tasks.
 */
public record TaskRequestFromCC(
        String taskGuid,
        String logGuid,
        int memoryMb,
        int diskMb,
        String lifecycle,
        List<EnvironmentVariable> environment,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SecurityGroupRule> egressRules,
        String dropletUri,
        String dropletHash,
        String dockerPath,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String dockerUser,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String dockerPassword,
        String rootfs,
        String completionCallback,
        String command,
        String logSource,
        List<CcVolumeMount> volumeMounts,
        String isolationSegment) {

    public TaskRequestFromCC {
        environment = environment == null ? List.of() : List.copyOf(environment);
        egressRules = egressRules == null ? List.of() : List.copyOf(egressRules);
        volumeMounts = volumeMounts == null ? List.of() : List.copyOf(volumeMounts);
    }

    /** Throws naming the first bad field; the lifecycle-specific checks follow Diego's task recipes. */
    public TaskRequestFromCC validate() {
        Validation.guid("task_guid", taskGuid);
        Validation.nonNegative("memory_mb", memoryMb);
        Validation.nonNegative("disk_mb", diskMb);
        Validation.required("command", command);
        String kind = lifecycle == null ? "" : lifecycle;
        switch (kind) {
            case "buildpack" -> {
                Validation.required("droplet_uri", dropletUri);
                if (dockerPath != null && !dockerPath.isEmpty()) {
                    throw new ValidationException("docker_path", "a buildpack task takes droplet_uri, not docker_path");
                }
            }
            case "docker" -> {
                Validation.required("docker_path", dockerPath);
                if (dropletUri != null && !dropletUri.isEmpty()) {
                    throw new ValidationException("droplet_uri", "a docker task takes docker_path, not droplet_uri");
                }
            }
            default -> throw new ValidationException("lifecycle", "must be buildpack or docker (got '" + kind + "')");
        }
        Validation.each("environment", environment, (at, e) -> e.validate(at));
        Validation.each("egress_rules", egressRules, (at, r) -> r.validate(at));
        return this;
    }
}
