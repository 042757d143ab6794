package org.diego.core.model;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A long-running process the client wants N instances of (Diego's DesiredLRP). Field names map to
 * Diego's JSON names in snake case ({@code process_guid}, {@code memory_mb}, ...).
 */
public record DesiredLrp(
        String processGuid,
        String domain,
        String rootfs,
        int instances,
        int memoryMb,
        int diskMb,
        int maxPids,
        List<EnvironmentVariable> env,
        Action action,
        long startTimeoutMs,
        List<Integer> ports,
        List<String> placementTags,
        String annotation,
        ModificationTag modificationTag) {

    public DesiredLrp {
        env = env == null ? List.of() : List.copyOf(env);
        ports = ports == null ? List.of() : List.copyOf(ports);
        placementTags = placementTags == null ? List.of() : List.copyOf(placementTags);
    }

    /** Checks every field a client supplies; throws naming the first bad field. */
    public DesiredLrp validate() {
        Validation.guid("process_guid", processGuid);
        Validation.required("domain", domain);
        Validation.required("rootfs", rootfs);
        Validation.nonNegative("instances", instances);
        Validation.nonNegative("memory_mb", memoryMb);
        Validation.nonNegative("disk_mb", diskMb);
        Validation.nonNegative("max_pids", maxPids);
        Validation.nonNegative("start_timeout_ms", startTimeoutMs);
        Validation.required("action", action);
        action.validate("action");
        for (int i = 0; i < env.size(); i++) {
            Validation.required("env[" + i + "]", env.get(i));
            env.get(i).validate("env[" + i + "]");
        }
        for (int i = 0; i < ports.size(); i++) {
            Integer p = ports.get(i);
            if (p == null || p < 1 || p > 65535) {
                throw new ValidationException("ports[" + i + "]", "must be a port number between 1 and 65535");
            }
        }
        if (annotation != null && annotation.getBytes(StandardCharsets.UTF_8).length > Validation.MAX_ANNOTATION_BYTES) {
            throw new ValidationException("annotation", "must be at most 10 KiB");
        }
        return this;
    }

    public DesiredLrp withModificationTag(ModificationTag tag) {
        return new DesiredLrp(processGuid, domain, rootfs, instances, memoryMb, diskMb, maxPids, env, action,
                startTimeoutMs, ports, placementTags, annotation, tag);
    }

    /** What the auctioneer and convergence need, without the run recipe. */
    public SchedulingInfo schedulingInfo() {
        return new SchedulingInfo(processGuid, domain, instances, memoryMb, diskMb, rootfs, placementTags);
    }

    /** Diego's DesiredLRPSchedulingInfo, reduced to what placement and convergence read. */
    public record SchedulingInfo(String processGuid, String domain, int instances, int memoryMb, int diskMb,
                                 String rootfs, List<String> placementTags) {
        public SchedulingInfo {
            placementTags = placementTags == null ? List.of() : List.copyOf(placementTags);
        }
    }
}
