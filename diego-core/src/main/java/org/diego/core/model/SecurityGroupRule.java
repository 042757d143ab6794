package org.diego.core.model;

import java.util.List;

/**
 * One egress rule of a container's firewall. {@code ports} and {@code port_range} apply to tcp and
 * udp only and are exclusive; {@code icmp_info} is required for icmp/icmpv6 and refused otherwise.
 * {@code ports} stays null when absent, because Diego tells an absent list from an empty one here.
 */
public record SecurityGroupRule(String protocol, List<String> destinations, List<Integer> ports, PortRange portRange,
                                IcmpInfo icmpInfo, boolean log, List<String> annotations) {
    public SecurityGroupRule {
        destinations = destinations == null ? List.of() : List.copyOf(destinations);
        ports = ports == null ? null : List.copyOf(ports);
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
    }

    public void validate(String field) {
        String p = protocol == null ? "" : protocol;
        switch (p) {
            case "tcp", "udp" -> {
                validatePorts(field);
                refuse(field, "icmp_info", icmpInfo);
            }
            case "icmp", "icmpv6" -> {
                refuse(field, "port_range", portRange);
                refuse(field, "ports", ports);
                Validation.required(Validation.sub(field, "icmp_info"), icmpInfo);
            }
            case "all" -> {
                refuse(field, "port_range", portRange);
                refuse(field, "ports", ports);
                refuse(field, "icmp_info", icmpInfo);
            }
            default -> throw new ValidationException(Validation.sub(field, "protocol"),
                    "must be one of tcp, udp, icmp, icmpv6, all");
        }
        String at = Validation.sub(field, "destinations");
        if (destinations.isEmpty()) {
            throw new ValidationException(at, "must have at least one destination");
        }
        for (int i = 0; i < destinations.size(); i++) {
            for (String d : destinations.get(i).split(",", -1)) {
                if (!IpAddresses.isDestination(d)) {
                    throw new ValidationException(at + "[" + i + "]",
                            "'" + d + "' is not an IP address, a CIDR or an IP range a-b");
                }
            }
        }
    }

    private void validatePorts(String field) {
        if (ports == null && portRange == null) {
            throw new ValidationException(Validation.sub(field, "ports"), "ports or port_range is required");
        }
        if (ports != null && portRange != null) {
            throw new ValidationException(Validation.sub(field, "ports"), "ports and port_range are exclusive");
        }
        if (portRange != null) {
            String at = Validation.sub(field, "port_range");
            if (portRange.start() < 1 || portRange.end() < 1 || portRange.start() > portRange.end()) {
                throw new ValidationException(at, "must have 1 <= start <= end");
            }
        } else {
            String at = Validation.sub(field, "ports");
            if (ports.isEmpty()) {
                throw new ValidationException(at, "must not be empty");
            }
            for (int i = 0; i < ports.size(); i++) {
                if (ports.get(i) < 1) {
                    throw new ValidationException(at + "[" + i + "]", "must be positive");
                }
            }
        }
    }

    private static void refuse(String field, String name, Object value) {
        if (value != null) {
            throw new ValidationException(Validation.sub(field, name), "is not allowed for this protocol");
        }
    }

    /** Inclusive port range. */
    public record PortRange(int start, int end) {
    }

    /** ICMP type and code to allow. */
    public record IcmpInfo(int type, int code) {
    }
}
