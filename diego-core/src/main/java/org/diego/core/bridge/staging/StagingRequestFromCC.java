package org.diego.core.bridge.staging;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.diego.core.json.Json;
import org.diego.core.model.DiegoException;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.SecurityGroupRule;
import org.diego.core.model.Validation;
import org.diego.core.model.ValidationException;

/**
 * What Cloud Controller PUTs to {@code /v1/staging/:staging_guid} (runtime-schema's
 * StagingRequestFromCC), with CC's JSON names. {@code lifecycle_data} stays a JSON tree until the
 * lifecycle says which shape it has ({@link BuildpackStagingData} or {@link DockerStagingData}).
 */
public record StagingRequestFromCC(
        String appId,
        int fileDescriptors,
        int memoryMb,
        int diskMb,
        List<EnvironmentVariable> environment,
        List<SecurityGroupRule> egressRules,
        int timeout,
        String logGuid,
        String lifecycle,
        JsonNode lifecycleData,
        String completionCallback,
        String isolationSegment) {

    public StagingRequestFromCC {
        appId = orEmpty(appId);
        environment = environment == null ? List.of() : List.copyOf(environment);
        egressRules = egressRules == null ? List.of() : List.copyOf(egressRules);
        logGuid = orEmpty(logGuid);
        lifecycle = orEmpty(lifecycle);
        completionCallback = orEmpty(completionCallback);
        isolationSegment = orEmpty(isolationSegment);
    }

    /** Decodes CC's JSON; malformed JSON or a wrongly typed field is an InvalidJSON error naming it. */
    public static StagingRequestFromCC parse(byte[] json) {
        return Json.read(json, StagingRequestFromCC.class);
    }

    public StagingLifecycle lifecycleKind() {
        return StagingLifecycle.of(lifecycle);
    }

    /**
     * Checks the request before anything is desired: the lifecycle first ({@link UnknownLifecycleException}),
     * then the common fields, then the lifecycle's data; each error names its field.
     */
    public StagingRequestFromCC validate() {
        StagingLifecycle kind = lifecycleKind();
        Validation.required("app_id", appId);
        Validation.nonNegative("memory_mb", memoryMb);
        Validation.nonNegative("disk_mb", diskMb);
        Validation.nonNegative("file_descriptors", fileDescriptors);
        Validation.nonNegative("timeout", timeout);
        Validation.each("environment", environment, (at, e) -> e.validate(at));
        Validation.each("egress_rules", egressRules, (at, r) -> r.validate(at));
        if (!completionCallback.isEmpty() && !completionCallback.matches("^https?://.+")) {
            throw new ValidationException("completion_callback", "must be an http or https URL");
        }
        if (kind == StagingLifecycle.BUILDPACK) {
            buildpackData().validate();
        } else {
            dockerData().validate();
        }
        return this;
    }

    public BuildpackStagingData buildpackData() {
        return data(BuildpackStagingData.class);
    }

    public DockerStagingData dockerData() {
        return data(DockerStagingData.class);
    }

    private <T> T data(Class<T> type) {
        if (lifecycleData == null || lifecycleData.isNull() || lifecycleData.isMissingNode()) {
            throw new ValidationException("lifecycle_data", "is required");
        }
        if (!lifecycleData.isObject()) {
            throw new ValidationException("lifecycle_data", "must be a JSON object");
        }
        try {
            return Json.fromTree(lifecycleData, type);
        } catch (DiegoException e) {
            throw new ValidationException("lifecycle_data", e.getMessage());
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
