package org.diego.core.messages;

import java.util.List;
import java.util.Map;
import org.diego.core.model.ActualLrpInternalRoute;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.InstanceKey;

/**
 * Convergence (step 12) to a cell: this running instance should now carry these internal routes and
 * metric tags (Diego's rep {@code UpdateLRPInstance}). The cell records them on the container and
 * reports a start with them, so the ActualLRP row converges.
 */
public record UpdateLrpInstance(ActualLrpKey actualLrpKey, InstanceKey actualLrpInstanceKey,
                                List<ActualLrpInternalRoute> internalRoutes, Map<String, String> metricTags) {
    public UpdateLrpInstance {
        internalRoutes = internalRoutes == null ? List.of() : List.copyOf(internalRoutes);
        metricTags = metricTags == null ? Map.of() : Map.copyOf(metricTags);
    }
}
