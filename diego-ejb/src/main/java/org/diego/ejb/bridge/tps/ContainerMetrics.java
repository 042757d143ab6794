package org.diego.ejb.bridge.tps;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.bridge.cc.LrpInstanceStats;
import org.diego.core.json.Json;
import org.diego.core.model.ActualLrp;

/**
 * The latest metric of each instance, kept by the metrics forwarder in the Hazelcast map
 * {@code diego-container-metrics} (instance guid → {@code {"process_guid","instance_guid","index",
 * "cpu_percentage","memory_bytes","disk_bytes",...}}), as TPS stats by index. A missing or unreadable
 * entry gives no stats (CC shows zeros); cpu is turned into a fraction, as Diego's TPS does.
 */
public final class ContainerMetrics {
    public static final String MAP = "diego-container-metrics";
    private static final Logger LOG = Logger.getLogger(ContainerMetrics.class.getName());

    private ContainerMetrics() {
    }

    /** {@code lookup} reads the map by instance guid; {@code now} stamps the stats. */
    public static Map<Integer, LrpInstanceStats> byIndex(List<ActualLrp> actuals, Function<String, String> lookup,
                                                          Instant now) {
        String time = DateTimeFormatter.ISO_INSTANT.format(now);
        Map<Integer, LrpInstanceStats> out = new HashMap<>();
        for (ActualLrp a : actuals) {
            if (a.instanceGuid().isEmpty()) {
                continue;
            }
            String json = lookup.apply(a.instanceGuid());
            if (json == null) {
                continue;
            }
            try {
                JsonNode m = Json.readTree(json);
                if (!a.processGuid().equals(m.path("process_guid").asText(a.processGuid()))) {
                    continue;
                }
                out.put(a.index(), new LrpInstanceStats(time, m.path("cpu_percentage").asDouble() / 100,
                        m.path("memory_bytes").asLong(), m.path("disk_bytes").asLong()));
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "unreadable container metric for " + a.instanceGuid(), e);
            }
        }
        return out;
    }
}
