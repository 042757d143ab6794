package org.diego.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.diego.core.auction.AuctionConfig;
import org.diego.core.auction.AuctionResult;
import org.diego.core.auction.CellState;
import org.diego.core.auction.LrpAuction;
import org.diego.core.auction.Scheduler;
import org.diego.core.auction.simulation.Simulation;
import org.diego.core.auction.simulation.SimulationReport;
import org.diego.core.auction.simulation.Workloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Placing 10,000 LRP instances on 1,000 simulated Diego cells (100 MB / 100 MB / 100 containers,
 * two zones) in one batch, with Diego's default weights. Target: at most 1 s per batch, and every
 * cell within ±1 of the mean — checked once per trial in {@link #checkBalance()}, which fails the run
 * otherwise.
 *
 * <ul>
 * <li>{@code workload=unique}: 10,000 single-instance apps (Diego's "cold start" shape);</li>
 * <li>{@code workload=multi}: 1,000 apps of 10 instances each (zone and cell spreading at work).</li>
 * </ul>
 *
 * Run: {@code java -jar diego-benchmarks/target/benchmarks.jar AuctionBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AuctionBenchmark {
    static final int CELLS = 1_000;
    static final int INSTANCES = 10_000;
    static final int ZONES = 2;

    @Param({"unique", "multi"})
    public String workload;

    private Simulation simulation;
    private List<LrpAuction> batch;
    private List<CellState> states;

    @Setup(Level.Trial)
    public void checkBalance() {
        simulation = new Simulation(CELLS, ZONES);
        batch = batch(workload);
        SimulationReport report = simulation.run("benchmark-" + workload, batch, CELLS, AuctionConfig.DEFAULTS);
        System.out.println();
        System.out.println(report.summary());
        if (report.placedCount() != INSTANCES || report.maxDeviationFromMeanAllCells() > 1.0) {
            throw new IllegalStateException("unbalanced placement: " + report);
        }
        simulation.reset();
    }

    static List<LrpAuction> batch(String workload) {
        Workloads w = new Workloads(42);
        return switch (workload) {
            case "unique" -> w.uniqueApps(INSTANCES, 1);
            case "multi" -> {
                List<LrpAuction> out = new ArrayList<>(INSTANCES);
                for (int app = 0; app < INSTANCES / 10; app++) {
                    out.addAll(w.instances(w.newGuid("app"), 10, 1));
                }
                yield out;
            }
            default -> throw new IllegalArgumentException(workload);
        };
    }

    /** Each batch is scheduled on fresh (empty) cell snapshots. */
    @Setup(Level.Invocation)
    public void freshStates() {
        states = simulation.states(CELLS);
    }

    @Benchmark
    public AuctionResult schedule10kOn1kCells() {
        return Scheduler.schedule(batch, List.of(), states, AuctionConfig.DEFAULTS);
    }
}
