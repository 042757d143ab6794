package org.diego.core.convergence;

import java.util.List;

/**
 * The per-pass gauges Diego's convergence emits (bbs LRPStatMetronNotifier), computed from the snapshot
 * the pass read. Instance counts cover ORDINARY rows only, as Diego's CountActualLRPsByState does.
 *
 * @param unclaimed        ORDINARY UNCLAIMED rows (LRPsUnclaimed)
 * @param claimed          ORDINARY CLAIMED rows (LRPsClaimed)
 * @param running          ORDINARY RUNNING rows (LRPsRunning)
 * @param crashed          ORDINARY CRASHED rows (LRPsCrashed)
 * @param missing          indices created this pass (LRPsMissing)
 * @param extra            rows retired this pass, extra indices plus orphans (LRPsExtra)
 * @param suspectRunning   SUSPECT RUNNING rows (SuspectRunningLRPs)
 * @param suspectClaimed   SUSPECT CLAIMED rows (SuspectClaimedLRPs)
 * @param desired          sum of desired instances (LRPsDesired)
 * @param crashingDesired  process guids with at least one ORDINARY CRASHED row (CrashingDesiredLRPs)
 * @param presentCells     live cells (PresentCells)
 * @param suspectCells     distinct missing cells that still hold CLAIMED/RUNNING rows of a desired LRP (SuspectCells)
 * @param freshDomains     names of the domains fresh in this pass, sorted (Domain.&lt;name&gt; = 1)
 */
public record ConvergenceMetrics(int unclaimed, int claimed, int running, int crashed, int missing, int extra,
                                 int suspectRunning, int suspectClaimed, int desired, int crashingDesired,
                                 int presentCells, int suspectCells, List<String> freshDomains) {
    public ConvergenceMetrics {
        freshDomains = freshDomains == null ? List.of() : List.copyOf(freshDomains);
    }
}
