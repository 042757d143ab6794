package org.diego.core.model;

import static org.diego.core.model.Fields.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Diego's egress rule checks: protocol-specific fields and destination syntax. */
class SecurityGroupRuleTest {
    static final SecurityGroupRule.PortRange RANGE = new SecurityGroupRule.PortRange(1, 65535);
    static final SecurityGroupRule.IcmpInfo ICMP = new SecurityGroupRule.IcmpInfo(0, 0);

    static SecurityGroupRule rule(String protocol, List<Integer> ports, SecurityGroupRule.PortRange range,
                                  SecurityGroupRule.IcmpInfo icmp, String... destinations) {
        return new SecurityGroupRule(protocol, List.of(destinations), ports, range, icmp, false, null);
    }

    static void valid(SecurityGroupRule r) {
        assertDoesNotThrow(() -> r.validate("egress_rules[0]"));
    }

    @Test
    void tcpAndUdpNeedPortsOrARangeButNotBoth() {
        valid(rule("tcp", List.of(80, 443), null, null, "10.0.0.1"));
        valid(rule("udp", null, RANGE, null, "10.0.0.1"));
        assertInvalid("egress_rules[0].ports", () -> rule("tcp", null, null, null, "10.0.0.1").validate("egress_rules[0]"));
        assertInvalid("egress_rules[0].ports", () -> rule("udp", List.of(53), RANGE, null, "10.0.0.1")
                .validate("egress_rules[0]"));
        assertInvalid("egress_rules[0].ports", () -> rule("tcp", List.of(), null, null, "10.0.0.1")
                .validate("egress_rules[0]"));
        assertInvalid("egress_rules[0].ports[1]", () -> rule("tcp", List.of(80, 0), null, null, "10.0.0.1")
                .validate("egress_rules[0]"));
        assertInvalid("egress_rules[0].icmp_info", () -> rule("tcp", List.of(80), null, ICMP, "10.0.0.1")
                .validate("egress_rules[0]"));
    }

    @Test
    void portRangesAreOrderedAndPositive() {
        assertInvalid("r.port_range", () -> rule("tcp", null, new SecurityGroupRule.PortRange(0, 10), null, "1.1.1.1")
                .validate("r"));
        assertInvalid("r.port_range", () -> rule("tcp", null, new SecurityGroupRule.PortRange(10, 9), null, "1.1.1.1")
                .validate("r"));
        valid(rule("tcp", null, new SecurityGroupRule.PortRange(10, 10), null, "1.1.1.1"));
    }

    @Test
    void icmpNeedsIcmpInfoAndNoPorts() {
        valid(rule("icmp", null, null, ICMP, "0.0.0.0/0"));
        valid(rule("icmpv6", null, null, ICMP, "::/0"));
        assertInvalid("r.icmp_info", () -> rule("icmp", null, null, null, "0.0.0.0/0").validate("r"));
        assertInvalid("r.ports", () -> rule("icmp", List.of(1), null, ICMP, "0.0.0.0/0").validate("r"));
        assertInvalid("r.port_range", () -> rule("icmpv6", null, RANGE, ICMP, "::/0").validate("r"));
    }

    @Test
    void allTakesNoPortsAndNoIcmp() {
        valid(rule("all", null, null, null, "0.0.0.0-255.255.255.255"));
        assertInvalid("r.ports", () -> rule("all", List.of(), null, null, "1.1.1.1").validate("r"));
        assertInvalid("r.port_range", () -> rule("all", null, RANGE, null, "1.1.1.1").validate("r"));
        assertInvalid("r.icmp_info", () -> rule("all", null, null, ICMP, "1.1.1.1").validate("r"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "TCP", "sctp"})
    void unknownProtocolsAreRefused(String protocol) {
        assertInvalid("r.protocol", () -> rule(protocol, null, null, null, "1.1.1.1").validate("r"));
    }

    @Test
    void aRuleNeedsADestination() {
        assertInvalid("r.destinations", () -> rule("all", null, null, null).validate("r"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "0.0.0.0/0", "10.0.0.0/8", "192.168.0.1-192.168.0.255", "10.0.0.1-10.0.0.1",
            "::1", "2001:db8::/32", "fe80::1-fe80::ff", "1.1.1.1,2.2.2.2", "::ffff:10.0.0.1"})
    void addressesCidrsRangesAndListsAreDestinations(String d) {
        valid(rule("all", null, null, null, d));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "localhost", "10.0.0", "256.0.0.1", "010.0.0.1", "10.0.0.0/33",
            "10.0.0.9-10.0.0.1", "::1/129", "fe80::1%eth0", "1.1.1.1,", "10.0.0.1-", "10.0.0.0/x", " 10.0.0.1"})
    void namesAndMalformedDestinationsAreRefusedByIndex(String d) {
        assertInvalid("r.destinations[1]", () -> new SecurityGroupRule("all", List.of("1.1.1.1", d), null, null, null,
                false, null).validate("r"));
    }
}
