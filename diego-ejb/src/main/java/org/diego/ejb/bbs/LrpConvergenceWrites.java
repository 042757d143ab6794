package org.diego.ejb.bbs;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.diego.core.convergence.LrpConvergencePlan.SuspectTransition;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.ejb.cluster.Fence;

/**
 * LRP convergence's repairs, a chunk per transaction: a pass that repairs thousands of rows (a rack of
 * cells lost at once) pays one commit per chunk instead of one per row. Each row's write is still
 * conditional on the row being as the pass read it ({@link ActualLrps}); a row that moved is skipped.
 * A failure rolls back its chunk only; the next pass sees those rows again.
 */
@Stateless
public class LrpConvergenceWrites {
    @Inject
    ActualLrps actuals;

    /** Step 4 for each transition; returns the keys whose replacement must be auctioned. */
    public List<ActualLrpKey> suspect(List<SuspectTransition> chunk, Fence fence) {
        List<ActualLrpKey> replaced = new ArrayList<>();
        for (SuspectTransition t : chunk) {
            if (actuals.suspect(t.lost(), t.suspect(), fence)) {
                replaced.add(t.replacementKey());
            }
        }
        return replaced;
    }

    /** Step 5: creates the missing indices; returns those created, to be auctioned. */
    public List<ActualLrpKey> createMissing(List<ActualLrpKey> chunk, Fence fence) {
        List<ActualLrpKey> created = new ArrayList<>();
        for (ActualLrpKey key : chunk) {
            if (actuals.createMissing(key, fence)) {
                created.add(key);
            }
        }
        return created;
    }

    /** Steps 2 and 7: removes rows that are exactly as the pass read them. */
    public void delete(List<ActualLrp> chunk, Fence fence) {
        for (ActualLrp row : chunk) {
            actuals.deleteIfUnchanged(row, fence);
        }
    }
}
