package org.diego.core.model;

import java.util.List;

/** Where a running instance can be reached (Diego's ActualLRPNetInfo). */
public record NetInfo(String address, List<PortMapping> ports, String instanceAddress,
                      PreferredAddress preferredAddress, String instanceIpv6Address) {
    public static final NetInfo EMPTY = new NetInfo("", List.of(), "");

    public NetInfo {
        address = address == null ? "" : address;
        ports = ports == null ? List.of() : List.copyOf(ports);
        instanceAddress = instanceAddress == null ? "" : instanceAddress;
        preferredAddress = preferredAddress == null ? PreferredAddress.UNKNOWN : preferredAddress;
        instanceIpv6Address = instanceIpv6Address == null ? "" : instanceIpv6Address;
    }

    /** Host address, ports and container address only (what cells without IPv6 or a preference report). */
    public NetInfo(String address, List<PortMapping> ports, String instanceAddress) {
        this(address, ports, instanceAddress, PreferredAddress.UNKNOWN, "");
    }
}
