package org.diego.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a client asks a Task to run (Diego's TaskDefinition), with Diego's JSON names. Absent strings
 * become "" so the state machine and the callback never see null. Fields Diego tags {@code omitempty}
 * are left out of the JSON when empty. The shared sub-models (egress rules, cached dependencies,
 * volume mounts, network, certificate properties, image layers, log rate limit, metric tags, volume
 * mounted files, trusted system certificates path) are not modelled yet.
 */
public record TaskDefinition(
        String rootfs,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<EnvironmentVariable> env,
        Action action,
        int diskMb,
        int memoryMb,
        int cpuWeight,
        boolean privileged,
        String logSource,
        String logGuid,
        String metricsGuid,
        String resultFile,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String completionCallbackUrl,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String annotation,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String legacyDownloadUser,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> placementTags,
        int maxPids,
        String imageUsername,
        String imagePassword) {

    /** Go's url.Parse finds a scheme only in this shape; Diego requires one ("preloaded:cflinuxfs4", "docker:///x"). */
    private static final Pattern ROOTFS_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);

    public TaskDefinition {
        rootfs = orEmpty(rootfs);
        env = env == null ? List.of() : List.copyOf(env);
        logSource = orEmpty(logSource);
        logGuid = orEmpty(logGuid);
        metricsGuid = orEmpty(metricsGuid);
        resultFile = orEmpty(resultFile);
        completionCallbackUrl = orEmpty(completionCallbackUrl);
        annotation = orEmpty(annotation);
        legacyDownloadUser = orEmpty(legacyDownloadUser);
        placementTags = placementTags == null ? List.of() : List.copyOf(placementTags);
        imageUsername = orEmpty(imageUsername);
        imagePassword = orEmpty(imagePassword);
    }

    /**
     * Diego's TaskDefinition.Validate, stopping at the first bad field. Like current Diego there is no
     * upper bound on cpu_weight (removed in bbs#81); it is unsigned on the wire, so negatives are refused.
     */
    public TaskDefinition validate() {
        Validation.required("rootfs", rootfs);
        if (!ROOTFS_SCHEME.matcher(rootfs).matches()) {
            throw new ValidationException("rootfs", "must be a URL with a scheme, e.g. preloaded:cflinuxfs4");
        }
        Validation.required("action", action);
        action.validate("action");
        for (int i = 0; i < env.size(); i++) {
            Validation.required("env[" + i + "]", env.get(i));
            env.get(i).validate("env[" + i + "]");
        }
        Validation.nonNegative("memory_mb", memoryMb);
        Validation.nonNegative("disk_mb", diskMb);
        Validation.nonNegative("cpu_weight", cpuWeight);
        Validation.nonNegative("max_pids", maxPids);
        if (annotation.getBytes(StandardCharsets.UTF_8).length > Validation.MAX_ANNOTATION_BYTES) {
            throw new ValidationException("annotation", "must be at most 10 KiB");
        }
        if (imageUsername.isEmpty() && !imagePassword.isEmpty()) {
            throw new ValidationException("image_username", "is required when image_password is set");
        }
        if (!imageUsername.isEmpty() && imagePassword.isEmpty()) {
            throw new ValidationException("image_password", "is required when image_username is set");
        }
        return this;
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
