package org.diego.ejb.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Role leases on a real (single-member, no network join) Hazelcast grid. */
class LeadershipTest {
    private static final Duration TTL = Duration.ofMinutes(1);
    private static HazelcastInstance grid;

    @BeforeAll
    static void startGrid() {
        Config config = new Config().setClusterName("leadership-test-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(45701).setPortAutoIncrement(true);
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        grid = Hazelcast.newHazelcastInstance(config);
    }

    @AfterAll
    static void stopGrid() {
        grid.shutdown();
    }

    @Test
    void oneHolderPerRoleAndEachNewHolderGetsALargerFencingToken() {
        Leadership a = new Leadership(grid, "i1:1");
        Leadership b = new Leadership(grid, "i2:2");
        String role = "role-" + UUID.randomUUID();

        OptionalLong first = a.hold(role, TTL);
        assertTrue(first.isPresent());
        assertEquals(first, a.hold(role, TTL), "renewing keeps the token");
        assertTrue(b.hold(role, TTL).isEmpty(), "a held role is not shared");
        assertEquals("i1:1", a.holders().get(role));

        b.release(role);
        assertTrue(b.hold(role, TTL).isEmpty(), "only the holder can release");

        a.release(role);
        OptionalLong second = b.hold(role, TTL);
        assertTrue(second.isPresent(), "a released role is taken at the next tick");
        assertTrue(second.getAsLong() > first.getAsLong(), "fencing tokens increase");
        assertTrue(a.hold(role, TTL).isEmpty(), "the old holder is now refused");
    }

    @Test
    void rolesAreIndependent() {
        Leadership a = new Leadership(grid, "i1:1");
        Leadership b = new Leadership(grid, "i2:2");
        assertTrue(a.hold("x-" + UUID.randomUUID(), TTL).isPresent());
        assertTrue(b.hold("y-" + UUID.randomUUID(), TTL).isPresent());
    }
}
