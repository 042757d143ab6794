package org.diego.core.events;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.ModificationTag;
import org.diego.core.model.PortMapping;
import org.diego.core.model.PreferredAddress;
import org.diego.core.model.Presence;
import org.diego.core.wire.WireMessage;

/**
 * The changeable part of an ActualLRP (Diego's ActualLRPInfo, net info flattened as in Diego's JSON).
 * Diego's field for routable is named {@code Routable} in this message, unlike in ActualLRP itself.
 */
@WireMessage("ActualLRPInfo")
public record ActualLrpInfo(
        String address,
        List<PortMapping> ports,
        String instanceAddress,
        PreferredAddress preferredAddress,
        String instanceIpv6Address,
        int crashCount,
        String crashReason,
        ActualLrpState state,
        String placementError,
        long since,
        ModificationTag modificationTag,
        Presence presence,
        @JsonProperty("routable") @JsonAlias("Routable") Boolean routable,
        String availabilityZone) {

    public static ActualLrpInfo of(ActualLrp lrp) {
        return new ActualLrpInfo(lrp.address(), lrp.ports(), lrp.instanceAddress(), lrp.preferredAddress(),
                lrp.instanceIpv6Address(), lrp.crashCount(), lrp.crashReason(), lrp.state(), lrp.placementError(),
                lrp.since(), lrp.modificationTag(), lrp.presence(), lrp.routable(), lrp.availabilityZone());
    }
}
