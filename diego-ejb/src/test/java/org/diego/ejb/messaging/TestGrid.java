package org.diego.ejb.messaging;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.UUID;

/** A single-member Hazelcast grid with no network join, as {@code LeadershipTest} starts one. */
public final class TestGrid {
    private TestGrid() {
    }

    public static HazelcastInstance start(String name) {
        Config config = new Config().setClusterName(name + "-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(45801).setPortAutoIncrement(true);
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        return Hazelcast.newHazelcastInstance(config);
    }
}
