package org.diego.cell.logs;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.diego.cell.executor.Container;
import org.diego.cell.executor.ContainerState;
import org.diego.cell.garden.ContainerUsage;
import org.diego.core.logs.ContainerMetric;
import org.diego.core.logs.CpuUsage;

/**
 * Samples every running LRP container's usage and reports a {@link ContainerMetric} for it, as Diego's
 * executor does every 15 s: CPU as the percentage between this sample and the container's previous one
 * (0 the first time), memory and disk with the container's quotas. Tasks are not reported (they have no
 * process guid or index to report under). Not thread-safe: call {@link #report} from one thread.
 */
public final class ContainerMetricsReporter {
    private static final long MB = 1024L * 1024L;
    /** The rep's tags of an LRP container (see rep.LrpTags). */
    static final String PROCESS_GUID = "process-guid";
    static final String PROCESS_INDEX = "process-index";

    private final Supplier<List<Container>> containers;
    private final Function<String, ContainerUsage> usage;
    private final LogSink sink;
    private final Clock clock;
    private final Map<String, long[]> previous = new HashMap<>(); // guid -> {cpu ns, at ns}

    public ContainerMetricsReporter(Supplier<List<Container>> containers, Function<String, ContainerUsage> usage,
                                    LogSink sink, Clock clock) {
        this.containers = containers;
        this.usage = usage;
        this.sink = sink;
        this.clock = clock;
    }

    /** Reports one metric per running LRP container; returns how many. */
    public int report() {
        Set<String> seen = new HashSet<>();
        int reported = 0;
        for (Container c : containers.get()) {
            String processGuid = c.tags().get(PROCESS_GUID);
            if (c.state() != ContainerState.RUNNING || processGuid == null) {
                continue;
            }
            ContainerUsage u = usage.apply(c.guid());
            if (u == null) {
                continue;
            }
            long now = ContainerLogStream.nanos(clock.instant());
            long[] before = previous.get(c.guid());
            double cpu = before == null ? 0 : CpuUsage.percentage(before[0], before[1], u.cpuNanos(), now);
            previous.put(c.guid(), new long[] {u.cpuNanos(), now});
            seen.add(c.guid());
            sink.metric(new ContainerMetric(processGuid, c.guid(), index(c), cpu, u.memoryBytes(), u.diskBytes(),
                    c.resources().memoryMb() * MB, c.resources().diskMb() * MB, now));
            reported++;
        }
        previous.keySet().retainAll(seen);
        return reported;
    }

    private static int index(Container c) {
        try {
            return Integer.parseInt(c.tags().getOrDefault(PROCESS_INDEX, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
