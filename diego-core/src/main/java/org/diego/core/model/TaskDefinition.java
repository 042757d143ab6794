package org.diego.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a client asks a Task to run (Diego's TaskDefinition): every field of Diego's message, in its
 * order, with Diego's JSON names. Absent strings become "" and absent lists and maps empty, so the
 * state machine and the callback never see null; absent {@code network}, {@code certificate_properties}
 * and {@code log_rate_limit} stay null. Fields Diego tags {@code omitempty} are left out of the JSON
 * when empty. The shared sub-models are those of {@link DesiredLrp}. Use {@link #builder()} (or the
 * short constructor, which leaves the shared sub-models out) rather than the canonical constructor.
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
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SecurityGroupRule> egressRules,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CachedDependency> cachedDependencies,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String legacyDownloadUser,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String trustedSystemCertificatesPath,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<VolumeMount> volumeMounts,
        Network network,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> placementTags,
        int maxPids,
        CertificateProperties certificateProperties,
        String imageUsername,
        String imagePassword,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ImageLayer> imageLayers,
        LogRateLimit logRateLimit,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, MetricTagValue> metricTags,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<File> volumeMountedFiles) {

    /** Go's url.Parse finds a scheme only in this shape; Diego requires one ("preloaded:cflinuxfs4", "docker:///x"). */
    private static final Pattern ROOTFS_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);

    public TaskDefinition {
        rootfs = orEmpty(rootfs);
        env = list(env);
        logSource = orEmpty(logSource);
        logGuid = orEmpty(logGuid);
        metricsGuid = orEmpty(metricsGuid);
        resultFile = orEmpty(resultFile);
        completionCallbackUrl = orEmpty(completionCallbackUrl);
        annotation = orEmpty(annotation);
        egressRules = list(egressRules);
        cachedDependencies = list(cachedDependencies);
        legacyDownloadUser = orEmpty(legacyDownloadUser);
        trustedSystemCertificatesPath = orEmpty(trustedSystemCertificatesPath);
        volumeMounts = list(volumeMounts);
        placementTags = list(placementTags);
        imageUsername = orEmpty(imageUsername);
        imagePassword = orEmpty(imagePassword);
        imageLayers = list(imageLayers);
        metricTags = metricTags(metricTags);
        volumeMountedFiles = list(volumeMountedFiles);
    }

    /**
     * A definition without the shared sub-models (egress rules, cached dependencies, trusted system
     * certificates path, volume mounts, network, certificate properties, image layers, log rate limit,
     * metric tags, volume mounted files): the fields a plain task needs, in their former order.
     */
    public TaskDefinition(String rootfs, List<EnvironmentVariable> env, Action action, int diskMb, int memoryMb,
                          int cpuWeight, boolean privileged, String logSource, String logGuid, String metricsGuid,
                          String resultFile, String completionCallbackUrl, String annotation,
                          String legacyDownloadUser, List<String> placementTags, int maxPids, String imageUsername,
                          String imagePassword) {
        this(rootfs, env, action, diskMb, memoryMb, cpuWeight, privileged, logSource, logGuid, metricsGuid,
                resultFile, completionCallbackUrl, annotation, null, null, legacyDownloadUser, null, null, null,
                placementTags, maxPids, null, imageUsername, imagePassword, null, null, null, null);
    }

    public static TaskDefinitionBuilder builder() {
        return new TaskDefinitionBuilder();
    }

    public TaskDefinitionBuilder toBuilder() {
        return new TaskDefinitionBuilder(this);
    }

    /**
     * Diego's TaskDefinition.Validate, stopping at the first bad field, in Diego's order. Like current
     * Diego there is no upper bound on cpu_weight (removed in bbs#81); it is unsigned on the wire, so
     * negatives are refused. The shared sub-models are checked as {@link DesiredLrp} checks them; volume
     * mounts, volume mounted files and metric tags too, which Diego's task validation skips.
     */
    public TaskDefinition validate() {
        Validation.required("rootfs", rootfs);
        if (!ROOTFS_SCHEME.matcher(rootfs).matches()) {
            throw new ValidationException("rootfs", "must be a URL with a scheme, e.g. preloaded:cflinuxfs4");
        }
        Validation.required("action", action);
        action.validate("action");
        Validation.each("env", env, (at, e) -> e.validate(at));
        Validation.nonNegative("memory_mb", memoryMb);
        Validation.nonNegative("disk_mb", diskMb);
        if (logRateLimit != null) {
            logRateLimit.validate("log_rate_limit");
        }
        Validation.nonNegative("cpu_weight", cpuWeight);
        Validation.nonNegative("max_pids", maxPids);
        if (annotation.getBytes(StandardCharsets.UTF_8).length > Validation.MAX_ANNOTATION_BYTES) {
            throw new ValidationException("annotation", "must be at most 10 KiB");
        }
        Validation.each("egress_rules", egressRules, (at, r) -> r.validate(at));
        if (imageUsername.isEmpty() && !imagePassword.isEmpty()) {
            throw new ValidationException("image_username", "is required when image_password is set");
        }
        if (!imageUsername.isEmpty() && imagePassword.isEmpty()) {
            throw new ValidationException("image_password", "is required when image_username is set");
        }
        Validation.each("cached_dependencies", cachedDependencies, (at, c) -> c.validate(at));
        Validation.each("image_layers", imageLayers, (at, l) -> l.validate(at));
        if (imageLayers.stream().anyMatch(l -> l.layerType() == ImageLayer.Type.EXCLUSIVE)) {
            Validation.required("legacy_download_user", legacyDownloadUser);
        }
        Validation.each("volume_mounts", volumeMounts, (at, m) -> m.validate(at));
        DesiredLrpRunInfo.validateFiles("volume_mounted_files", volumeMountedFiles);
        MetricTagValue.validateAll("metric_tags", metricTags, metricsGuid);
        return this;
    }

    /** The volume drivers the task's mounts need: the auction only picks cells that offer all of them. */
    public VolumePlacement volumePlacement() {
        return VolumePlacement.of(volumeMounts);
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    /** Insertion order is kept; a null value survives so that validation can name it. */
    private static Map<String, MetricTagValue> metricTags(Map<String, MetricTagValue> tags) {
        return tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }
}
