package org.diego.core.model;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * Diego's DesiredLRPSchedulingInfo: what placement and convergence need, without the run recipe.
 * As in Diego's JSON, the key, the resource and the modification tag are flattened into the object
 * ({@code {"process_guid", "domain", "log_guid", "instances", "memory_mb", ..., "epoch", "index"}});
 * on the protobuf wire they are the embedded messages these components are named after.
 */
public record DesiredLrpSchedulingInfo(
        @JsonUnwrapped DesiredLrpKey desiredLrpKey,
        String annotation,
        int instances,
        @JsonUnwrapped DesiredLrpResource desiredLrpResource,
        Routes routes,
        @JsonUnwrapped ModificationTag modificationTag,
        VolumePlacement volumePlacement,
        List<String> placementTags) {

    public DesiredLrpSchedulingInfo {
        desiredLrpKey = desiredLrpKey == null ? new DesiredLrpKey(null, null, null) : desiredLrpKey;
        desiredLrpResource = desiredLrpResource == null ? new DesiredLrpResource(0, 0, null, 0) : desiredLrpResource;
        routes = Routes.orEmpty(routes);
        // Not optional in Diego's message: an untagged LRP has the zero tag, as it reads back from JSON.
        modificationTag = modificationTag == null ? new ModificationTag("", 0) : modificationTag;
        volumePlacement = volumePlacement == null ? new VolumePlacement(null) : volumePlacement;
        placementTags = placementTags == null ? List.of() : List.copyOf(placementTags);
    }

    /** A scheduling info with only what placement reads, as the simulation and tests build them. */
    public static DesiredLrpSchedulingInfo of(String processGuid, String domain, int instances, int memoryMb,
                                              int diskMb, String rootfs, List<String> placementTags) {
        return new DesiredLrpSchedulingInfo(new DesiredLrpKey(processGuid, domain, ""), "", instances,
                new DesiredLrpResource(memoryMb, diskMb, rootfs, 0), Routes.EMPTY, null, null, placementTags);
    }

    public String processGuid() {
        return desiredLrpKey.processGuid();
    }

    public String domain() {
        return desiredLrpKey.domain();
    }

    public String logGuid() {
        return desiredLrpKey.logGuid();
    }

    public int memoryMb() {
        return desiredLrpResource.memoryMb();
    }

    public int diskMb() {
        return desiredLrpResource.diskMb();
    }

    public int maxPids() {
        return desiredLrpResource.maxPids();
    }

    public String rootfs() {
        return desiredLrpResource.rootfs();
    }

    /** Diego's checks on a scheduling info: key, resource, routes, instances and annotation. */
    public DesiredLrpSchedulingInfo validate() {
        desiredLrpKey.validate();
        desiredLrpResource.validate();
        routes.validate("routes");
        Validation.nonNegative("instances", instances);
        Validation.maxBytes("annotation", annotation, Validation.MAX_ANNOTATION_BYTES);
        return this;
    }
}
