package org.diego.core.convergence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import org.diego.core.model.ActualLrpInternalRoute;
import org.diego.core.model.MetricTagValue;
import org.diego.core.model.Routes;

/**
 * What step 12 compares: the internal routes a DesiredLRP's {@code internal-router} routes give its
 * instances, and its metric tags resolved for one instance (static values as they are, dynamic INDEX
 * as the decimal index, INSTANCE_GUID as the instance guid), as Diego's bbs derives them.
 */
public final class InstanceDrift {
    public static final String INTERNAL_ROUTER = "internal-router";

    private InstanceDrift() {
    }

    /**
     * The hostnames of the {@code internal-router} entry (a JSON array of {@code {"hostname": ...}}), in
     * order; no entry, or one that is not such an array, gives none.
     */
    public static List<ActualLrpInternalRoute> internalRoutes(Routes routes) {
        JsonNode node = routes == null ? null : routes.get(INTERNAL_ROUTER);
        if (node == null || !node.isArray()) {
            return List.of();
        }
        List<ActualLrpInternalRoute> out = new ArrayList<>();
        for (JsonNode route : node) {
            JsonNode hostname = route == null ? null : route.get("hostname");
            out.add(new ActualLrpInternalRoute(hostname == null || hostname.isNull() ? "" : hostname.asText()));
        }
        return List.copyOf(out);
    }

    /** The tags as one instance reports them; a tag with neither value (invalid) is left out. */
    public static Map<String, String> metricTags(Map<String, MetricTagValue> tags, int index, String instanceGuid) {
        if (tags == null || tags.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            if (value.staticValue() != null && !value.staticValue().isEmpty()) {
                out.put(name, value.staticValue());
            } else if (value.dynamic() == MetricTagValue.DynamicValue.INDEX) {
                out.put(name, Integer.toString(index));
            } else if (value.dynamic() == MetricTagValue.DynamicValue.INSTANCE_GUID) {
                out.put(name, instanceGuid == null ? "" : instanceGuid);
            }
        });
        return Map.copyOf(out);
    }
}
