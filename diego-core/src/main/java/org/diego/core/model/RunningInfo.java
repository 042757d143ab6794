package org.diego.core.model;

import java.util.List;
import java.util.Map;

/**
 * What a cell reports about a running container in start and evacuate_running: how to reach it, its
 * internal routes and metric tags, whether it may take traffic (readiness) and the cell's zone.
 */
public record RunningInfo(NetInfo netInfo, List<ActualLrpInternalRoute> internalRoutes,
                          Map<String, String> metricTags, boolean routable, String availabilityZone) {

    public RunningInfo {
        netInfo = netInfo == null ? NetInfo.EMPTY : netInfo;
        internalRoutes = internalRoutes == null ? List.of() : List.copyOf(internalRoutes);
        metricTags = metricTags == null ? Map.of() : Map.copyOf(metricTags);
        availabilityZone = availabilityZone == null ? "" : availabilityZone;
    }

    /**
     * Only net info, as the r0 routes and the JMS start carry it: no routes or tags, and routable,
     * which is Diego's default when a request leaves it out.
     */
    public static RunningInfo of(NetInfo net) {
        return new RunningInfo(net, List.of(), Map.of(), true, "");
    }
}
