package org.diego.core.model;

import java.util.List;

/** Where a running instance can be reached. */
public record NetInfo(String address, List<PortMapping> ports, String instanceAddress) {
    public static final NetInfo EMPTY = new NetInfo("", List.of(), "");

    public NetInfo {
        address = address == null ? "" : address;
        ports = ports == null ? List.of() : List.copyOf(ports);
        instanceAddress = instanceAddress == null ? "" : instanceAddress;
    }
}
