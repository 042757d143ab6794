package org.diego.ejb.bridge.tps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.diego.core.bridge.cc.LrpInstanceStats;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpState;
import org.junit.jupiter.api.Test;

/** Container metrics from the grid map as TPS stats. */
class ContainerMetricsTest {
    static ActualLrp lrp(int index, String instanceGuid) {
        return new ActualLrp("p", index, "cf-apps", instanceGuid, "cell", "", null, "", null, null, 0, "",
                ActualLrpState.RUNNING, "", 0, null, null, null, null, null, null);
    }

    @Test
    void readsByInstanceGuidAndIndexesByTheRowsIndex() {
        Map<String, String> map = Map.of(
                "i0", "{\"process_guid\":\"p\",\"instance_guid\":\"i0\",\"index\":0,\"cpu_percentage\":12.5,"
                        + "\"memory_bytes\":1000,\"disk_bytes\":2000,\"timestamp_ns\":1}",
                "i1", "not json",
                "i2", "{\"process_guid\":\"other\",\"cpu_percentage\":1}");
        Map<Integer, LrpInstanceStats> stats = ContainerMetrics.byIndex(
                List.of(lrp(0, "i0"), lrp(1, "i1"), lrp(2, "i2"), lrp(3, "i3"), lrp(4, "")), map::get,
                Instant.parse("2026-11-25T10:00:00Z"));
        assertEquals(new LrpInstanceStats("2026-11-25T10:00:00Z", 0.125, 1000, 2000), stats.get(0));
        assertFalse(stats.containsKey(1));
        assertFalse(stats.containsKey(2));
        assertFalse(stats.containsKey(3));
        assertFalse(stats.containsKey(4));
    }
}
