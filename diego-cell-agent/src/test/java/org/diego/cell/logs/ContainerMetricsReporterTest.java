package org.diego.cell.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.diego.cell.executor.Container;
import org.diego.cell.executor.ContainerState;
import org.diego.cell.executor.Resources;
import org.diego.cell.garden.ContainerUsage;
import org.diego.core.logs.ContainerMetric;
import org.junit.jupiter.api.Test;

class ContainerMetricsReporterTest {
    private static final long MB = 1024 * 1024;
    private final RecordingSink sink = new RecordingSink();
    private final List<Container> containers = new ArrayList<>();
    private final Map<String, ContainerUsage> usage = new HashMap<>();
    private Instant now = Instant.ofEpochSecond(100);
    private final ContainerMetricsReporter reporter = new ContainerMetricsReporter(() -> containers, usage::get,
            sink, new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            });

    private static Container container(String guid, ContainerState state, Map<String, String> tags) {
        return new Container(guid, tags, new Resources(256, 1024, 1), state, false, null, null, Instant.EPOCH);
    }

    @Test
    void reportsRunningLrpContainersWithCpuBetweenSamplesAndQuotas() {
        containers.add(container("ig-1", ContainerState.RUNNING,
                Map.of("process-guid", "pg", "process-index", "2", "lifecycle", "lrp")));
        usage.put("ig-1", new ContainerUsage(50 * MB, 1_000_000_000L, 7 * MB));
        assertEquals(1, reporter.report());
        now = now.plusSeconds(10);
        usage.put("ig-1", new ContainerUsage(60 * MB, 6_000_000_000L, 8 * MB)); // 5 s of CPU in 10 s
        reporter.report();
        ContainerMetric first = sink.metrics.get(0);
        ContainerMetric second = sink.metrics.get(1);
        assertEquals(0.0, first.cpuPercentage());
        assertEquals(new ContainerMetric("pg", "ig-1", 2, 50.0, 60 * MB, 8 * MB, 256 * MB, 1024 * MB,
                110_000_000_000L), second);
    }

    @Test
    void skipsTasksContainersNotRunningAndUnknownUsage() {
        containers.add(container("task", ContainerState.RUNNING, Map.of("lifecycle", "task")));
        containers.add(container("starting", ContainerState.CREATED, Map.of("process-guid", "pg")));
        containers.add(container("gone", ContainerState.RUNNING, Map.of("process-guid", "pg")));
        usage.put("task", new ContainerUsage(1, 1, 1));
        usage.put("starting", new ContainerUsage(1, 1, 1));
        assertEquals(0, reporter.report());
        assertEquals(List.of(), sink.metrics);
    }
}
