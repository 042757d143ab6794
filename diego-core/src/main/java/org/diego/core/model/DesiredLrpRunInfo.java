package org.diego.core.model;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * Diego's DesiredLRPRunInfo: everything a cell needs to run an instance, stored as one blob beside
 * the scheduling columns. The key is flattened into the JSON as in Diego; {@code created_at} is when
 * the LRP was desired, in nanoseconds.
 */
public record DesiredLrpRunInfo(
        @JsonUnwrapped DesiredLrpKey desiredLrpKey,
        List<EnvironmentVariable> env,
        Action setup,
        Action action,
        Action monitor,
        boolean privileged,
        int cpuWeight,
        List<Integer> ports,
        List<SecurityGroupRule> egressRules,
        String logSource,
        String metricsGuid,
        long createdAt,
        List<CachedDependency> cachedDependencies,
        String legacyDownloadUser,
        String trustedSystemCertificatesPath,
        List<VolumeMount> volumeMounts,
        Network network,
        long startTimeoutMs,
        CertificateProperties certificateProperties,
        String imageUsername,
        String imagePassword,
        CheckDefinition checkDefinition,
        List<ImageLayer> imageLayers,
        List<Sidecar> sidecars,
        LogRateLimit logRateLimit,
        List<File> volumeMountedFiles) {

    public DesiredLrpRunInfo {
        desiredLrpKey = desiredLrpKey == null ? new DesiredLrpKey(null, null, null) : desiredLrpKey;
        env = list(env);
        ports = list(ports);
        egressRules = list(egressRules);
        cachedDependencies = list(cachedDependencies);
        volumeMounts = list(volumeMounts);
        imageLayers = list(imageLayers);
        sidecars = list(sidecars);
        volumeMountedFiles = list(volumeMountedFiles);
    }

    /** Diego's run info checks (plus ports, start timeout and cpu weight in range); names the first bad field. */
    public DesiredLrpRunInfo validate() {
        desiredLrpKey.validate();
        validateFiles("volume_mounted_files", volumeMountedFiles);
        if (setup != null) {
            setup.validate("setup");
        }
        Validation.required("action", action);
        action.validate("action");
        if (monitor != null) {
            monitor.validate("monitor");
        }
        Validation.each("env", env, (at, e) -> e.validate(at));
        Validation.nonNegative("start_timeout_ms", startTimeoutMs);
        Validation.nonNegative("cpu_weight", cpuWeight);
        Validation.each("ports", ports, (at, p) -> Validation.port(at, p));
        Validation.each("egress_rules", egressRules, (at, r) -> r.validate(at));
        Validation.each("cached_dependencies", cachedDependencies, (at, c) -> c.validate(at));
        Validation.each("image_layers", imageLayers, (at, l) -> l.validate(at));
        if (imageLayers.stream().anyMatch(l -> l.layerType() == ImageLayer.Type.EXCLUSIVE)) {
            Validation.required("legacy_download_user", legacyDownloadUser);
        }
        Validation.each("sidecars", sidecars, (at, s) -> s.validate(at));
        Validation.each("volume_mounts", volumeMounts, (at, m) -> m.validate(at));
        boolean hasUser = imageUsername != null && !imageUsername.isEmpty();
        boolean hasPassword = imagePassword != null && !imagePassword.isEmpty();
        if (hasPassword && !hasUser) {
            throw new ValidationException("image_username", "is required with image_password");
        }
        if (hasUser && !hasPassword) {
            throw new ValidationException("image_password", "is required with image_username");
        }
        if (checkDefinition != null) {
            checkDefinition.validate("check_definition");
        }
        if (logRateLimit != null) {
            logRateLimit.validate("log_rate_limit");
        }
        return this;
    }

    /** Diego caps the summed content of the files it writes into a container at 1 MiB. */
    static void validateFiles(String field, List<File> files) {
        long total = 0;
        for (File f : files) {
            total += f == null ? 0 : Validation.utf8Length(f.content());
            if (total > Validation.MAX_VOLUME_MOUNTED_FILES_BYTES) {
                throw new ValidationException(field, "the files' content must be at most 1 MiB in total");
            }
        }
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
