package org.diego.core.bridge.cc;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Set;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.Network;
import org.diego.core.model.SecurityGroupRule;
import org.diego.core.model.Validation;
import org.diego.core.model.ValidationException;

/**
 * What CC sends to {@code PUT /v1/apps/:process_guid} and in the bulker's full app list: every field
 * of Diego's {@code DesireAppRequestFromCC} under CC's JSON name. {@code docker_image} set means the
 * docker lifecycle, {@code droplet_uri} the buildpack one; exactly one of them. {@code ports} absent
 * means Diego's default (8080 for buildpack apps, the image's for docker ones).
 */
public record DesireAppRequestFromCC(
        String processGuid,
        String dropletUri,
        String dropletHash,
        String dockerImage,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String dockerLoginServer,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String dockerUser,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String dockerPassword,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String dockerEmail,
        String stack,
        String startCommand,
        String executionMetadata,
        List<EnvironmentVariable> environment,
        int memoryMb,
        int diskMb,
        long fileDescriptors,
        int numInstances,
        RoutingInfo routingInfo,
        boolean allowSsh,
        String logGuid,
        String healthCheckType,
        String healthCheckHttpEndpoint,
        long healthCheckTimeoutInSeconds,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SecurityGroupRule> egressRules,
        String etag,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> ports,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String logSource,
        Network network,
        List<CcVolumeMount> volumeMounts,
        String isolationSegment) {

    /** CC's health check types; "" is the old default (port) and "process" the newer name of "none". */
    public static final Set<String> HEALTH_CHECK_TYPES = Set.of("", "port", "http", "process", "none");

    public DesireAppRequestFromCC {
        environment = environment == null ? List.of() : List.copyOf(environment);
        routingInfo = RoutingInfo.orEmpty(routingInfo);
        egressRules = egressRules == null ? List.of() : List.copyOf(egressRules);
        ports = ports == null ? null : List.copyOf(ports);
        volumeMounts = volumeMounts == null ? List.of() : List.copyOf(volumeMounts);
        healthCheckType = healthCheckType == null ? "" : healthCheckType;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean docker() {
        return dockerImage != null && !dockerImage.isEmpty();
    }

    /**
     * CC's side of the contract; throws naming the first bad field. The recipe builder adds the
     * lifecycle checks (droplet vs image, docker metadata).
     */
    public DesireAppRequestFromCC validate() {
        Validation.guid("process_guid", processGuid);
        boolean droplet = dropletUri != null && !dropletUri.isEmpty();
        if (droplet && docker()) {
            throw new ValidationException("docker_image",
                    "desired app contains both droplet_uri and docker_image; exactly one is required");
        }
        if (!droplet && !docker()) {
            throw new ValidationException("droplet_uri", "desired app missing droplet_uri (or docker_image)");
        }
        Validation.nonNegative("memory_mb", memoryMb);
        Validation.nonNegative("disk_mb", diskMb);
        Validation.nonNegative("file_descriptors", fileDescriptors);
        Validation.nonNegative("num_instances", numInstances);
        Validation.nonNegative("health_check_timeout_in_seconds", healthCheckTimeoutInSeconds);
        if (!HEALTH_CHECK_TYPES.contains(healthCheckType)) {
            throw new ValidationException("health_check_type", "must be one of port, http, process, none (got '"
                    + healthCheckType + "')");
        }
        if ("http".equals(healthCheckType) && healthCheckHttpEndpoint != null && !healthCheckHttpEndpoint.isEmpty()
                && !healthCheckHttpEndpoint.startsWith("/")) {
            throw new ValidationException("health_check_http_endpoint", "must be a path starting with /");
        }
        Validation.each("environment", environment, (at, e) -> e.validate(at));
        Validation.each("egress_rules", egressRules, (at, r) -> r.validate(at));
        if (ports != null) {
            Validation.each("ports", ports, (at, p) -> Validation.port(at, p));
        }
        Validation.each("volume_mounts", volumeMounts, (at, m) -> {
            Validation.required(at + ".driver", m.driver());
            Validation.required(at + ".container_dir", m.containerDir());
        });
        Validation.maxBytes("etag", etag, Validation.MAX_ANNOTATION_BYTES);
        routingInfo.httpRoutes();
        routingInfo.tcpRoutes();
        return this;
    }

    /** For tests and the bulker's fakes: every field optional. */
    public static final class Builder {
        private String processGuid;
        private String dropletUri;
        private String dropletHash;
        private String dockerImage;
        private String dockerLoginServer;
        private String dockerUser;
        private String dockerPassword;
        private String dockerEmail;
        private String stack;
        private String startCommand;
        private String executionMetadata;
        private List<EnvironmentVariable> environment;
        private int memoryMb;
        private int diskMb;
        private long fileDescriptors;
        private int numInstances;
        private RoutingInfo routingInfo;
        private boolean allowSsh;
        private String logGuid;
        private String healthCheckType;
        private String healthCheckHttpEndpoint;
        private long healthCheckTimeoutInSeconds;
        private List<SecurityGroupRule> egressRules;
        private String etag;
        private List<Integer> ports;
        private String logSource;
        private Network network;
        private List<CcVolumeMount> volumeMounts;
        private String isolationSegment;

        public Builder processGuid(String v) { processGuid = v; return this; }
        public Builder dropletUri(String v) { dropletUri = v; return this; }
        public Builder dropletHash(String v) { dropletHash = v; return this; }
        public Builder dockerImage(String v) { dockerImage = v; return this; }
        public Builder dockerLoginServer(String v) { dockerLoginServer = v; return this; }
        public Builder dockerUser(String v) { dockerUser = v; return this; }
        public Builder dockerPassword(String v) { dockerPassword = v; return this; }
        public Builder dockerEmail(String v) { dockerEmail = v; return this; }
        public Builder stack(String v) { stack = v; return this; }
        public Builder startCommand(String v) { startCommand = v; return this; }
        public Builder executionMetadata(String v) { executionMetadata = v; return this; }
        public Builder environment(List<EnvironmentVariable> v) { environment = v; return this; }
        public Builder memoryMb(int v) { memoryMb = v; return this; }
        public Builder diskMb(int v) { diskMb = v; return this; }
        public Builder fileDescriptors(long v) { fileDescriptors = v; return this; }
        public Builder numInstances(int v) { numInstances = v; return this; }
        public Builder routingInfo(RoutingInfo v) { routingInfo = v; return this; }
        public Builder allowSsh(boolean v) { allowSsh = v; return this; }
        public Builder logGuid(String v) { logGuid = v; return this; }
        public Builder healthCheckType(String v) { healthCheckType = v; return this; }
        public Builder healthCheckHttpEndpoint(String v) { healthCheckHttpEndpoint = v; return this; }
        public Builder healthCheckTimeoutInSeconds(long v) { healthCheckTimeoutInSeconds = v; return this; }
        public Builder egressRules(List<SecurityGroupRule> v) { egressRules = v; return this; }
        public Builder etag(String v) { etag = v; return this; }
        public Builder ports(List<Integer> v) { ports = v; return this; }
        public Builder logSource(String v) { logSource = v; return this; }
        public Builder network(Network v) { network = v; return this; }
        public Builder volumeMounts(List<CcVolumeMount> v) { volumeMounts = v; return this; }
        public Builder isolationSegment(String v) { isolationSegment = v; return this; }

        public DesireAppRequestFromCC build() {
            return new DesireAppRequestFromCC(processGuid, dropletUri, dropletHash, dockerImage, dockerLoginServer,
                    dockerUser, dockerPassword, dockerEmail, stack, startCommand, executionMetadata, environment,
                    memoryMb, diskMb, fileDescriptors, numInstances, routingInfo, allowSsh, logGuid, healthCheckType,
                    healthCheckHttpEndpoint, healthCheckTimeoutInSeconds, egressRules, etag, ports, logSource, network,
                    volumeMounts, isolationSegment);
        }
    }
}
