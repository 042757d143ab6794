package org.diego.core.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.diego.core.model.ActualLrpInternalRoute;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;
import org.diego.core.model.RunningInfo;
import org.diego.core.wire.WireMessage;

/**
 * A container runs. Diego names the optional readiness flag {@code Routable} in this message; absent
 * means routable. The r0 route ignores internal routes and metric tags.
 */
@WireMessage("StartActualLRPRequest")
public record StartActualLrpRequest(ActualLrpKey actualLrpKey, InstanceKey actualLrpInstanceKey,
                                    NetInfo actualLrpNetInfo, List<ActualLrpInternalRoute> actualLrpInternalRoutes,
                                    Map<String, String> metricTags, @JsonProperty("routable") @JsonAlias("Routable") Boolean routable,
                                    String availabilityZone) {

    public StartActualLrpRequest validate() {
        Checks.key(actualLrpKey);
        Checks.instanceKey(actualLrpInstanceKey);
        Checks.netInfo(actualLrpNetInfo);
        return this;
    }

    /** What the r1 route stores. */
    public RunningInfo runningInfo() {
        return new RunningInfo(actualLrpNetInfo, actualLrpInternalRoutes, metricTags, routable == null || routable,
                availabilityZone);
    }

    /** What the r0 route stores: no internal routes, no metric tags. */
    public RunningInfo runningInfoR0() {
        return new RunningInfo(actualLrpNetInfo, List.of(), Map.of(), routable == null || routable, availabilityZone);
    }
}
