package org.diego.ejb.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.diego.core.json.Json;
import org.diego.core.logs.ContainerMetric;
import org.diego.core.logs.LogBatch;
import org.diego.core.logs.LogEnvelope;
import org.diego.core.logs.LogMessageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Recent buffers, live fan-out and the metrics map on a real single-member Hazelcast grid. */
class LogGridTest {
    private static HazelcastInstance grid;
    private static RecentLogs recent;
    private static LiveLogs live;
    private static ContainerMetrics metrics;

    @BeforeAll
    static void startGrid() {
        Config config = new Config().setClusterName("logs-test-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(45801).setPortAutoIncrement(true);
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        grid = Hazelcast.newHazelcastInstance(config);
        recent = new RecentLogs(grid, 5);
        live = new LiveLogs(grid);
        metrics = new ContainerMetrics(grid);
    }

    @AfterAll
    static void stopGrid() {
        live.stop();
        grid.shutdown();
    }

    private static LogEnvelope line(String guid, String text) {
        return new LogEnvelope(guid, "APP/PROC/WEB", "0", LogMessageType.OUT, text, 1);
    }

    private static List<String> texts(List<String> json) {
        return json.stream().map(j -> Json.read(j, LogEnvelope.class).message()).toList();
    }

    @Test
    void keepsTheLastLinesUpToTheCapacityOldestFirst() {
        String guid = "g-" + UUID.randomUUID();
        List<String> lines = IntStream.range(0, 7).mapToObj(i -> Json.write(line(guid, "l" + i))).toList();
        recent.append(guid, lines.subList(0, 3)).join();
        recent.append(guid, lines.subList(3, 7)).join();
        assertEquals(List.of("l2", "l3", "l4", "l5", "l6"), texts(recent.recent(guid, 100)));
        assertEquals(List.of("l5", "l6"), texts(recent.recent(guid, 2)));
        assertEquals(List.of(), recent.recent(guid, 0));
    }

    @Test
    void anUnknownGuidHasNoLinesAndGetsNoRingBuffer() {
        String guid = "unknown-" + UUID.randomUUID();
        assertEquals(List.of(), recent.recent(guid, 10));
        assertTrue(grid.getDistributedObjects().stream().noneMatch(o -> o.getName().equals(RecentLogs.PREFIX + guid)));
    }

    @Test
    void liveSubscribersGetTheirGuidsLinesOnly() throws InterruptedException {
        BlockingQueue<LogEnvelope> got = new LinkedBlockingQueue<>();
        LiveLogs.Subscription s = live.subscribe("mine", got::add);
        live.publish(List.of(line("other", "not mine"), line("mine", "hello")));
        assertEquals("hello", got.poll(10, TimeUnit.SECONDS).message());
        s.close();
        assertEquals(0, live.subscriberCount("mine"));
        live.publish(List.of(line("mine", "after close")));
        assertNull(got.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void latestMetricPerInstanceOfAProcess() {
        String pg = "p_" + UUID.randomUUID();
        metrics.put(new ContainerMetric(pg, "i1", 1, 1, 1, 1, 1, 1, 1)).join();
        metrics.put(new ContainerMetric(pg, "i1", 1, 2, 2, 2, 2, 2, 2)).join();
        metrics.put(new ContainerMetric(pg, "i0", 0, 3, 3, 3, 3, 3, 3)).join();
        metrics.put(new ContainerMetric("pX" + pg.substring(2), "i9", 0, 3, 3, 3, 3, 3, 3)).join(); // '_' matches X
        List<ContainerMetric> of = metrics.ofProcess(pg);
        assertEquals(List.of("i0", "i1"), of.stream().map(ContainerMetric::instanceGuid).toList());
        assertEquals(2, of.get(1).timestampNs());
        String stored = grid.<String, String>getMap(ContainerMetrics.MAP).get("i1");
        assertEquals(of.get(1), Json.read(stored, ContainerMetric.class));
    }

    @Test
    void ingestStoresValidLinesAndMetricsAndSkipsInvalidOnes() throws InterruptedException {
        String guid = "ingest-" + UUID.randomUUID();
        BlockingQueue<LogEnvelope> got = new LinkedBlockingQueue<>();
        live.subscribe(guid, got::add);
        LogIngest ingest = new LogIngest(recent, live, metrics);
        ingest.accept(new LogBatch("cell-1", List.of(line(guid, "ok"), line("", "no guid"),
                new LogEnvelope(guid, "S", "0", null, "no type", 1)),
                List.of(new ContainerMetric("pg-" + guid, "ig-" + guid, 0, 0, 0, 0, 0, 0, 0)), 2)).join();
        assertEquals("ok", got.poll(10, TimeUnit.SECONDS).message());
        assertEquals(List.of("ok"), texts(recent.recent(guid, 10)));
        assertEquals(1, metrics.ofProcess("pg-" + guid).size());
    }
}
