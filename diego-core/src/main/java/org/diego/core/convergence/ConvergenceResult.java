package org.diego.core.convergence;

import java.util.List;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;

/**
 * The repairs of one pass. Every key in {@link #missing} gets a new UNCLAIMED row; every row in
 * {@link #unclaimOnMissingCell} and {@link #restartCrashed} goes back to UNCLAIMED; all of those plus
 * {@link #staleUnclaimed} are auctioned in one batch. {@link #retire} rows are stopped or deleted.
 */
public record ConvergenceResult(List<ActualLrpKey> missing, List<ActualLrp> unclaimOnMissingCell,
                                List<ActualLrp> restartCrashed, List<ActualLrp> staleUnclaimed,
                                List<ActualLrp> retire) {
    public boolean isEmpty() {
        return missing.isEmpty() && unclaimOnMissingCell.isEmpty() && restartCrashed.isEmpty()
                && staleUnclaimed.isEmpty() && retire.isEmpty();
    }
}
