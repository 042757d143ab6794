package org.diego.core.convergence;

import java.util.List;
import java.util.Set;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.DesiredLrp.SchedulingInfo;

/** A consistent snapshot for one convergence pass. */
public record ConvergenceInput(List<SchedulingInfo> desired, List<ActualLrp> actuals, Set<String> liveCells,
                               long nowNanos) {
}
