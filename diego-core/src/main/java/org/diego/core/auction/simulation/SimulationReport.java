package org.diego.core.auction.simulation;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.diego.core.auction.AuctionResult;

/**
 * What one simulated round did (Diego's {@code visualization} report): new placements and totals per
 * cell and zone, failures by reason, and how long fetching, scheduling and committing took.
 *
 * @param auctions    distinct auctions in the batch
 * @param cells       the cells that took part, in cell index order
 * @param failures    failed auctions per reason
 * @param fetchStates time to snapshot the cells
 * @param scheduling  time in {@code Scheduler.schedule}
 * @param commit      time to hand the work to the cells
 */
public record SimulationReport(String name, int auctions, List<CellLine> cells, Map<String, Integer> failures,
                               Duration fetchStates, Duration scheduling, Duration commit, AuctionResult result) {

    /** One cell: placements won this round ({@code placed}) and everything it now holds ({@code total}). */
    public record CellLine(String cellId, String zone, int index, int placed, int total) {
    }

    public int placedCount() {
        return cells.stream().mapToInt(CellLine::placed).sum();
    }

    public int failedCount() {
        return failures.values().stream().mapToInt(Integer::intValue).sum();
    }

    public Map<String, Integer> placedPerCell() {
        Map<String, Integer> out = new TreeMap<>();
        cells.forEach(c -> out.put(c.cellId(), c.placed()));
        return out;
    }

    public int placed(String cellId) {
        return cells.stream().filter(c -> c.cellId().equals(cellId)).mapToInt(CellLine::placed).sum();
    }

    public Map<String, Integer> placedPerZone() {
        Map<String, Integer> out = new TreeMap<>();
        cells.forEach(c -> out.merge(c.zone(), c.placed(), Integer::sum));
        return out;
    }

    public Map<String, Integer> totalPerZone() {
        Map<String, Integer> out = new TreeMap<>();
        cells.forEach(c -> out.merge(c.zone(), c.total(), Integer::sum));
        return out;
    }

    /**
     * Diego's pass criterion: the largest distance between a cell's new placements and the mean, over
     * the cells that won at least one auction ({@code getResultVector}).
     */
    public double maxDeviationFromMean() {
        return deviation(cells.stream().mapToInt(CellLine::placed).filter(n -> n > 0).toArray());
    }

    /** Stricter than Diego: the same over every cell, including those that won nothing. */
    public double maxDeviationFromMeanAllCells() {
        return deviation(cells.stream().mapToInt(CellLine::placed).toArray());
    }

    /** The largest distance between a zone's new placements and the mean over zones. */
    public double maxZoneDeviationFromMean() {
        return deviation(placedPerZone().values().stream().mapToInt(Integer::intValue).toArray());
    }

    private static double deviation(int[] sample) {
        if (sample.length == 0) {
            return 0;
        }
        double mean = 0;
        for (int n : sample) {
            mean += n;
        }
        mean /= sample.length;
        double max = 0;
        for (int n : sample) {
            max = Math.max(max, Math.abs(n - mean));
        }
        return max;
    }

    /** Scheduling time per auction. */
    public Duration timePerAuction() {
        return auctions == 0 ? Duration.ZERO : scheduling.dividedBy(auctions);
    }

    /** One line: what, how balanced, how fast. */
    public String summary() {
        return String.format(Locale.ROOT,
                "%s: %d auctions on %d cells, %d placed, %d failed, max deviation %.2f (zones %.2f), "
                        + "schedule %.1f ms (%.2f us/auction), fetch %.1f ms, commit %.1f ms",
                name, auctions, cells.size(), placedCount(), failedCount(), maxDeviationFromMean(),
                maxZoneDeviationFromMean(), millis(scheduling), timePerAuction().toNanos() / 1000.0,
                millis(fetchStates), millis(commit));
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }

    /** The full report: summary, failures, per-zone and per-cell distribution with a bar per cell. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(summary()).append('\n');
        failures.forEach((reason, n) -> sb.append("  failed ").append(n).append(": ").append(reason).append('\n'));
        Map<String, Integer> totals = totalPerZone();
        placedPerZone().forEach((zone, n) -> sb.append(String.format(Locale.ROOT, "  zone %-6s new %6d  total %6d%n",
                zone, n, totals.get(zone))));
        int max = cells.stream().mapToInt(CellLine::total).max().orElse(0);
        for (CellLine c : cells) {
            int width = max == 0 ? 0 : (int) Math.round(40.0 * c.total() / max);
            int newWidth = max == 0 ? 0 : Math.min(width, (int) Math.round(40.0 * c.placed() / max));
            sb.append(String.format(Locale.ROOT, "  %-9s %-4s new %5d total %5d |%s%s%n", c.cellId(), c.zone(),
                    c.placed(), c.total(), "=".repeat(width - newWidth), "+".repeat(newWidth)));
        }
        return sb.toString();
    }
}
