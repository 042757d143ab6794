package org.diego.core.messages;

import java.util.List;
import java.util.Map;
import org.diego.core.model.ActualLrpInternalRoute;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;

/**
 * The instance's process is up (request/reply). {@code routable} is Diego's optional field: false while
 * a readiness check has not passed (or failed again), absent (older cells) meaning routable. A cell
 * sends a start again whenever readiness flips. {@code internalRoutes} and {@code metricTags} are what the
 * container carries (as Diego's StartActualLRP reports them); absent (older cells) reads as none.
 */
public record StartActualLrpRequest(ActualLrpKey actualLrpKey, InstanceKey actualLrpInstanceKey,
                                    NetInfo actualLrpNetInfo, Boolean routable,
                                    List<ActualLrpInternalRoute> internalRoutes, Map<String, String> metricTags) {

    public StartActualLrpRequest {
        internalRoutes = internalRoutes == null ? null : List.copyOf(internalRoutes);
        metricTags = metricTags == null ? null : Map.copyOf(metricTags);
    }

    /** Without internal routes or metric tags. */
    public StartActualLrpRequest(ActualLrpKey actualLrpKey, InstanceKey actualLrpInstanceKey,
                                 NetInfo actualLrpNetInfo, Boolean routable) {
        this(actualLrpKey, actualLrpInstanceKey, actualLrpNetInfo, routable, null, null);
    }

    /** Without readiness: routable. */
    public StartActualLrpRequest(ActualLrpKey actualLrpKey, InstanceKey actualLrpInstanceKey,
                                 NetInfo actualLrpNetInfo) {
        this(actualLrpKey, actualLrpInstanceKey, actualLrpNetInfo, null);
    }
}
