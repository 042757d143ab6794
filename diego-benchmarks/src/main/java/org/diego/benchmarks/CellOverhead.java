package org.diego.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.cell.executor.Container;
import org.diego.cell.executor.ContainerState;
import org.diego.cell.executor.Resources;
import org.diego.cell.executor.RunRequest;
import org.diego.cell.garden.PhaseTimer;
import org.diego.cell.garden.RuncBackendConfig;
import org.diego.core.model.RunAction;

/**
 * Issue 7 (1): the cell's own container overhead. Each round times, in this JVM, (a) a raw
 * {@code runc run -d} of {@code sleep} in the busybox rootfs ({@link RawRunc}) and (b) what the
 * executor does for an instance: {@code CellExecutor.run} of a lone run action ({@code sleep} as vcap,
 * one container port), i.e. the runc backend's create and the run step's process start, until the
 * process runs (the executor reports RUNNING). The two alternate which goes first; deletes are not
 * timed. The backend's phase timer splits (b). Target: p50 of (b) ≤ 1.5 × p50 of (a).
 *
 * <p>The backend keeps {@code warm} ready containers per rootfs directory, as the agent does by default
 * ({@code --warm-containers 2}); before each timed step the driver waits until the backend has refilled
 * them, as it would have on a cell idle between placements, so no refill runs during a measurement.
 * {@code warm=0} measures the cold path (every create builds its container).
 *
 * <pre>java -cp diego-benchmarks/target/benchmarks.jar org.diego.benchmarks.CellOverhead \
 *     [rounds=40 warmup=5 rootfs=/var/lib/diego/rootfs/busybox workDir=/var/tmp/diego-cellbench ports=1 warm=2]</pre>
 *
 * Arguments are {@code name=value}, or bare values in that order.
 *
 * Needs root, runc, catatonit and the rootfs (build-busybox-rootfs.sh). Everything it creates is removed at
 * the end, or on Ctrl-C.
 */
public final class CellOverhead {
    private static final Resources INSTANCE = new Resources(64, 128, 1);
    private static final Logger QUIET = Logger.getLogger("org.diego");

    private CellOverhead() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].startsWith("-")) {
            System.out.println("usage: java -cp benchmarks.jar org.diego.benchmarks.CellOverhead [rounds=40 warmup=5"
                    + " rootfs=/var/lib/diego/rootfs/busybox workDir=/var/tmp/diego-cellbench ports=1 warm="
                    + RuncBackendConfig.DEFAULT_WARM_CONTAINERS + "]");
            return;
        }
        Args a = new Args(args, "rounds", "warmup", "rootfs", "workDir", "ports", "warm");
        int rounds = a.getInt("rounds", 40);
        int warmup = a.getInt("warmup", 5);
        Path rootfs = Path.of(a.get("rootfs", "/var/lib/diego/rootfs/busybox"));
        Path workDir = Path.of(a.get("workDir", "/var/tmp/diego-cellbench"));
        int ports = a.getInt("ports", 1);
        int warm = a.getInt("warm", RuncBackendConfig.DEFAULT_WARM_CONTAINERS);
        QUIET.setLevel(Level.WARNING);
        HostConditions.print();
        System.out.println(warm == 0 ? "cold path: no warm containers"
                : "warm containers: " + warm + " per rootfs directory, refilled before each timed step");

        Samples raw = new Samples();
        Samples ours = new Samples();
        Samples rawExec = new Samples();
        Map<String, Map<String, Long>> phasesByHandle = new ConcurrentHashMap<>();
        int servedWarm = 0;
        try (BenchCell cell = new BenchCell(rootfs, workDir, new Resources(4096, 8192, 16), warm)) {
            RawRunc runc = cell.closing(new RawRunc(cell.workDir, rootfs));
            cell.backend.timePhases((handle, phase, nanos) ->
                    phasesByHandle.computeIfAbsent(handle, h -> new ConcurrentHashMap<>()).merge(phase, nanos, Long::sum));
            RunRequest request = new RunRequest(BenchCell.ROOTFS, List.of(),
                    List.of(8080, 2222, 9000, 9001).subList(0, Math.min(ports, 4)),
                    new RunAction("sleep", List.of("3600"), null, List.of(), "vcap"), 1024);
            for (int i = 0; i < warmup + rounds; i++) {
                boolean measured = i >= warmup;
                String rawId = "cb-raw-" + i;
                String guid = "cb-" + i;
                boolean rawFirst = i % 2 == 0;
                long[] r = rawFirst ? cell.step(() -> raw(cell, runc, rawId)) : null;
                long o = cell.step(() -> ours(cell, guid, request));
                if (!rawFirst) {
                    r = cell.step(() -> raw(cell, runc, rawId));
                }
                if (measured) {
                    servedWarm += phasesByHandle.get(guid).containsKey("create.warm") ? 1 : 0;
                    raw.add(r[0]);
                    rawExec.add(r[1]);
                    ours.add(o);
                    // What ran beside the caller's thread is not on the critical path.
                    long phases = phasesByHandle.get(guid).entrySet().stream()
                            .filter(e -> !e.getKey().endsWith(PhaseTimer.IN_PARALLEL))
                            .mapToLong(Map.Entry::getValue).sum();
                    phasesByHandle.get(guid).put("rest (executor steps, ledger, logs)", o - phases);
                } else {
                    phasesByHandle.remove(guid);
                }
            }
        }
        System.out.println("load after: " + HostConditions.loadAverage());
        System.out.printf("%d rounds (+%d warm-up), interleaved; %d of the measured creates served warm%n", rounds,
                warmup, servedWarm);
        System.out.printf("raw runc run -d          p50 %6.1f ms  p90 %6.1f ms%n", raw.p50(), raw.p90());
        System.out.printf("executor create→started  p50 %6.1f ms  p90 %6.1f ms%n", ours.p50(), ours.p90());
        System.out.printf("ratio                    p50 %6.2f ×    p90 %6.2f ×   (target ≤ 1.5 ×)%n",
                ours.p50() / raw.p50(), ours.p90() / raw.p90());
        System.out.printf("for reference: raw runc exec -d of a 2nd process p50 %6.1f ms  p90 %6.1f ms%n",
                rawExec.p50(), rawExec.p90());
        Map<String, Samples> byPhase = new TreeMap<>();
        phasesByHandle.values().forEach(m -> m.forEach((phase, n) ->
                byPhase.computeIfAbsent(phase, p -> new Samples()).add(n)));
        System.out.println("where the time goes (per phase, over the measured rounds):");
        byPhase.forEach((phase, s) -> System.out.printf("  %-32s p50 %6.1f ms  p90 %6.1f ms%n", phase, s.p50(),
                s.p90()));
    }

    /** The raw run (and, for reference, an exec into it); the delete is not timed. */
    private static long[] raw(BenchCell cell, RawRunc runc, String id) throws Exception {
        cell.awaitWarm(); // no refill beside the measurement
        try {
            long run = runc.run(id);
            return new long[] {run, runc.exec(id)};
        } finally {
            runc.delete(id);
        }
    }

    /** Reserve, then time the executor's run until the process runs; destroy (not timed). */
    private static long ours(BenchCell cell, String guid, RunRequest request) throws InterruptedException {
        cell.awaitWarm();
        cell.executor.reserve(guid, Map.of(), INSTANCE).orElseThrow();
        long started = System.nanoTime();
        Container c = cell.executor.run(guid, request);
        long took = System.nanoTime() - started;
        try {
            if (c.state() != ContainerState.RUNNING) {
                throw new IllegalStateException(guid + " is " + c.state() + ": " + c.result());
            }
        } finally {
            cell.executor.destroy(guid);
        }
        return took;
    }
}
