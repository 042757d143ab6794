package org.diego.core.auction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each instance and task goes, why the others could not be placed (Diego's placement error
 * texts), and — beyond Diego — a per-cell explanation for every failed auction (and every successful
 * one when {@link AuctionConfig#explainPlacements()} is on), keyed by {@link Auction#identifier()}.
 *
 * @param placements     LRP instances reserved per cell id, in placement order
 * @param taskPlacements tasks reserved per cell id, in placement order
 * @param failures       LRP instances that could not be placed, with Diego's reason
 * @param taskFailures   tasks that could not be placed, with Diego's reason
 * @param explanations   per-cell reasons, keyed by auction identifier
 */
public record AuctionResult(Map<String, List<LrpAuction>> placements, Map<String, List<TaskAuction>> taskPlacements,
                            List<Failure> failures, List<TaskFailure> taskFailures,
                            Map<String, PlacementExplanation> explanations) {

    /** Only LRP placements and failures (no tasks, no explanations). */
    public AuctionResult(Map<String, List<LrpAuction>> placements, List<Failure> failures) {
        this(placements, Map.of(), failures, List.of(), Map.of());
    }

    public record Failure(LrpAuction auction, String reason) {
    }

    public record TaskFailure(TaskAuction task, String reason) {
    }

    /** What one cell receives: Diego's rep.Work. */
    public record CellWork(List<LrpAuction> lrps, List<TaskAuction> tasks) {
    }

    /** LRPs and tasks per cell id, in cell order of first placement: what each cell is sent. */
    public Map<String, CellWork> work() {
        Map<String, CellWork> out = new LinkedHashMap<>();
        placements.forEach((cell, lrps) -> out.put(cell, new CellWork(lrps, new ArrayList<>())));
        taskPlacements.forEach((cell, tasks) -> out.computeIfAbsent(cell, c -> new CellWork(List.of(), new ArrayList<>()))
                .tasks().addAll(tasks));
        out.replaceAll((cell, w) -> new CellWork(List.copyOf(w.lrps()), List.copyOf(w.tasks())));
        return out;
    }

    public int placedCount() {
        return placements.values().stream().mapToInt(List::size).sum()
                + taskPlacements.values().stream().mapToInt(List::size).sum();
    }

    public int failedCount() {
        return failures.size() + taskFailures.size();
    }

    /** The explanation for one auction (by {@code guid.index} or task guid), or null. */
    public PlacementExplanation explain(String identifier) {
        return explanations.get(identifier);
    }
}
