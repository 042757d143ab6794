package org.diego.ejb.logs;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.diego.core.json.Json;
import org.diego.core.logs.ContainerMetric;

/**
 * The latest metric of each container instance: the grid map {@value #MAP}, key the instance guid,
 * value the {@link ContainerMetric} JSON (a contract: other code reads this map), expiring
 * {@value #TTL_SECONDS} s after its last report, so a gone instance disappears on its own.
 */
@ApplicationScoped
public class ContainerMetrics {
    public static final String MAP = "diego-container-metrics";
    static final long TTL_SECONDS = 120;

    @Inject
    HazelcastInstance hazelcast;

    public ContainerMetrics() {
    }

    ContainerMetrics(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    /** Stores the instance's latest metric; the future completes when the grid has it. */
    public CompletableFuture<Void> put(ContainerMetric metric) {
        return hazelcast.<String, String>getMap(MAP).setAsync(metric.instanceGuid(), Json.write(metric), TTL_SECONDS,
                TimeUnit.SECONDS).toCompletableFuture();
    }

    /**
     * The latest metric of each instance of a process, by index. The grid narrows the scan to values that
     * mention the guid; the exact match is checked here (a '_' or '%' in a guid is a LIKE wildcard).
     */
    public List<ContainerMetric> ofProcess(String processGuid) {
        IMap<String, String> map = hazelcast.getMap(MAP);
        String pattern = "%\"process_guid\":\"" + processGuid + "\"%";
        return map.values(Predicates.like("this", pattern)).stream()
                .map(json -> Json.read(json, ContainerMetric.class))
                .filter(m -> processGuid.equals(m.processGuid()))
                .sorted(Comparator.comparingInt(ContainerMetric::index).thenComparing(ContainerMetric::instanceGuid))
                .toList();
    }
}
