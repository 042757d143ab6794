package org.diego.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.diego.core.json.Json;
import org.diego.core.messages.MessageType;
import org.junit.jupiter.api.Test;

/** The JSON names other components read: they are a contract. */
class LogContractsTest {
    @Test
    void metricJsonNames() {
        ContainerMetric metric = new ContainerMetric("pg", "ig", 2, 12.5, 100, 200, 1000, 2000, 42);
        JsonNode tree = Json.readTree(Json.write(metric));
        List<String> names = List.of("process_guid", "instance_guid", "index", "cpu_percentage", "memory_bytes",
                "disk_bytes", "memory_bytes_quota", "disk_bytes_quota", "timestamp_ns");
        names.forEach(n -> assertEquals(true, tree.has(n), n));
        assertEquals(names.size(), tree.size());
        assertEquals(metric, Json.read(Json.write(metric), ContainerMetric.class));
    }

    @Test
    void envelopeJsonNamesAndRoundTrip() {
        LogEnvelope e = new LogEnvelope("lg", "APP/PROC/WEB", "0", LogMessageType.ERR, "boom", 7);
        String json = Json.write(e);
        assertEquals("{\"log_guid\":\"lg\",\"source_type\":\"APP/PROC/WEB\",\"source_instance\":\"0\","
                + "\"message_type\":\"ERR\",\"message\":\"boom\",\"timestamp_ns\":7}", json);
        assertEquals(e, Json.read(json, LogEnvelope.class));
        assertNull(e.problem());
    }

    @Test
    void envelopeProblemsNameTheField() {
        assertEquals("log_guid is required", new LogEnvelope(" ", "S", "0", LogMessageType.OUT, "m", 1).problem());
        assertEquals("message_type must be OUT or ERR", new LogEnvelope("g", "S", "0", null, "m", 1).problem());
        assertEquals("message is required", new LogEnvelope("g", "S", "0", LogMessageType.OUT, null, 1).problem());
    }

    @Test
    void batchIsAWireMessage() {
        LogBatch batch = new LogBatch("cell", List.of(new LogEnvelope("g", "S", "0", LogMessageType.OUT, "m", 1)),
                List.of(), 3);
        assertEquals(MessageType.LOG_BATCH, MessageType.of(batch));
        assertEquals(batch, Json.read(Json.write(batch), LogBatch.class));
    }
}
