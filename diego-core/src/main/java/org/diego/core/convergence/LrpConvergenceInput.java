package org.diego.core.convergence;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.DesiredLrpSchedulingInfo;
import org.diego.core.model.Domain;
import org.diego.core.model.MetricTagValue;

/**
 * A consistent snapshot for one full convergence pass (Diego §2.1): every desired scheduling info,
 * every ActualLRP row of every presence (ORDINARY, EVACUATING, SUSPECT), the ids of the cells whose
 * presence is live, every stored domain row (expired ones included: the pass says which to prune and
 * treats only those still fresh at {@code nowNanos} as fresh), the time in epoch nanoseconds and, for
 * step 12, each DesiredLRP's metric tags by process guid (a guid without an entry has none; the internal
 * routes come from the scheduling info's routes).
 */
public record LrpConvergenceInput(List<DesiredLrpSchedulingInfo> desired, List<ActualLrp> actuals, Set<String> liveCells,
                                  List<Domain> domains, long nowNanos,
                                  Map<String, Map<String, MetricTagValue>> desiredMetricTags) {

    /** Without metric tags: every DesiredLRP has none. */
    public LrpConvergenceInput(List<DesiredLrpSchedulingInfo> desired, List<ActualLrp> actuals, Set<String> liveCells,
                               List<Domain> domains, long nowNanos) {
        this(desired, actuals, liveCells, domains, nowNanos, null);
    }

    public LrpConvergenceInput {
        desiredMetricTags = desiredMetricTags == null ? Map.of() : Map.copyOf(desiredMetricTags);
        desired = desired == null ? List.of() : List.copyOf(desired);
        actuals = actuals == null ? List.of() : List.copyOf(actuals);
        liveCells = liveCells == null ? Set.of() : Set.copyOf(liveCells);
        domains = domains == null ? List.of() : List.copyOf(domains);
    }
}
