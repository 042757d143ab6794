package org.diego.cell.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.diego.core.logs.ContainerMetric;
import org.diego.core.logs.LogBatch;
import org.diego.core.logs.LogEnvelope;
import org.diego.core.logs.LogMessageType;
import org.junit.jupiter.api.Test;

class LogShipperTest {
    private final List<LogBatch> sent = new ArrayList<>();

    private static LogEnvelope line(String text) {
        return new LogEnvelope("lg", "APP/PROC/WEB", "0", LogMessageType.OUT, text, 1);
    }

    private static ContainerMetric metric(String instance, long at) {
        return new ContainerMetric("pg", instance, 0, 1.0, 1, 2, 3, 4, at);
    }

    @Test
    void sendsLinesInBatchesWithTheLatestMetricPerInstanceInTheFirst() {
        LogShipper shipper = new LogShipper("cell-1", 100, 2, 1 << 20);
        List.of("a", "b", "c").forEach(t -> shipper.log(line(t)));
        shipper.metric(metric("i1", 1));
        shipper.metric(metric("i1", 2));
        assertEquals(2, shipper.flush(sent::add));
        assertEquals(List.of("a", "b"), sent.get(0).envelopes().stream().map(LogEnvelope::message).toList());
        assertEquals(List.of(metric("i1", 2)), sent.get(0).metrics());
        assertEquals(List.of("c"), sent.get(1).envelopes().stream().map(LogEnvelope::message).toList());
        assertTrue(sent.get(1).metrics().isEmpty());
        assertEquals("cell-1", sent.get(0).cellId());
        assertEquals(0, shipper.flush(sent::add), "nothing left to send");
    }

    @Test
    void aBatchStaysUnderTheByteBudgetButAlwaysCarriesOneLine() {
        LogShipper shipper = new LogShipper("cell-1", 100, 100, 1000);
        shipper.log(line("x".repeat(5000)));
        shipper.log(line("y".repeat(500)));
        shipper.log(line("z".repeat(100)));
        shipper.flush(sent::add);
        assertEquals(List.of(1, 2), sent.stream().map(b -> b.envelopes().size()).toList());
    }

    @Test
    void aFailedSendKeepsEverythingForTheNextFlushAndReportsDrops() {
        LogShipper shipper = new LogShipper("cell-1", 3, 10, 1 << 20);
        List.of("a", "b", "c", "d").forEach(t -> shipper.log(line(t))); // "a" dropped
        shipper.metric(metric("i1", 1));
        assertThrows(IllegalStateException.class, () -> shipper.flush(b -> {
            throw new IllegalStateException("broker away");
        }));
        assertEquals(3, shipper.buffered());
        shipper.flush(sent::add);
        LogBatch batch = sent.get(0);
        assertEquals(List.of("b", "c", "d"), batch.envelopes().stream().map(LogEnvelope::message).toList());
        assertEquals(1, batch.dropped());
        assertEquals(List.of(metric("i1", 1)), batch.metrics());
    }

    @Test
    void anOlderMetricNeverReplacesANewerOne() {
        LogShipper shipper = new LogShipper("cell-1", 3, 10, 1 << 20);
        shipper.metric(metric("i1", 5));
        shipper.metric(metric("i1", 4));
        shipper.flush(sent::add);
        assertEquals(5, sent.get(0).metrics().get(0).timestampNs());
    }
}
