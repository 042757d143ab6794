package org.diego.core.auction;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Beyond Diego: why each cell did or did not get one auction, as of the moment it was scheduled.
 *
 * @param identifier {@code guid.index} or task guid
 * @param winner     the winning cell id, or null when the auction failed
 * @param reason     Diego's failure text, or null when placed
 * @param cells      one verdict per cell seen this round (evacuating cells included), in zone then cell id order;
 *                   empty when no cell was evaluated (no cells, in-flight limit, invalid request)
 */
public record PlacementExplanation(String identifier, String winner, String reason, List<CellVerdict> cells) {
    public PlacementExplanation {
        cells = List.copyOf(cells);
    }

    public boolean placed() {
        return winner != null;
    }

    public CellVerdict cell(String cellId) {
        return cells.stream().filter(c -> c.cellId().equals(cellId)).findFirst().orElse(null);
    }

    /** One line per cell, for logs and the API. */
    public String describe() {
        StringBuilder sb = new StringBuilder(identifier).append(": ")
                .append(placed() ? "placed on " + winner : reason);
        for (CellVerdict c : cells) {
            sb.append("\n  ").append(c.describe());
        }
        return sb.toString();
    }

    /** Why one cell was not (or was) chosen. */
    public enum Verdict {
        /** The cell is evacuating and takes no new work. */
        EVACUATING,
        /** The cell cannot run the requested rootfs. */
        ROOTFS,
        /** The cell lacks one of the requested volume drivers. */
        VOLUME_DRIVERS,
        /** The cell's required/optional placement tags do not match the requested ones. */
        PLACEMENT_TAGS,
        /** Compatible, but lacks memory, disk or a free container ({@link CellVerdict#missing()}). */
        INSUFFICIENT_RESOURCES,
        /** Compatible and fits, but a cell in a zone with fewer instances of this process won first. */
        ZONE_NOT_REACHED,
        /** Compatible and fits, but another cell scored lower. */
        OUTSCORED,
        /** The cell that got the work. */
        WINNER
    }

    /**
     * @param missing       resources the cell lacks (only for {@link Verdict#INSUFFICIENT_RESOURCES})
     * @param score         the cell's score (lower wins) when it fits, else null
     * @param zoneInstances for LRPs, instances of the process in the cell's zone before this placement, else null
     */
    public record CellVerdict(String cellId, String zone, Verdict verdict, Set<CellState.Resource> missing,
                              Double score, Integer zoneInstances) {
        public CellVerdict {
            missing = Set.copyOf(missing);
        }

        public String describe() {
            String where = cellId + " (zone " + (zone.isEmpty() ? "-" : zone) + "): ";
            return where + switch (verdict) {
                case EVACUATING -> "skipped, evacuating";
                case ROOTFS -> "filtered, rootfs not supported";
                case VOLUME_DRIVERS -> "filtered, missing volume drivers";
                case PLACEMENT_TAGS -> "filtered, placement tags do not match";
                case INSUFFICIENT_RESOURCES -> "insufficient " + missing.stream().sorted().map(Enum::name)
                        .collect(Collectors.joining(", "));
                case ZONE_NOT_REACHED -> "fits, score " + fmt(score) + ", but its zone holds " + zoneInstances
                        + " instance(s) of the process, more than the winner's zone";
                case OUTSCORED -> "fits, score " + fmt(score) + " (outscored)";
                case WINNER -> "winner, score " + fmt(score);
            };
        }

        private static String fmt(Double d) {
            return d == null ? "-" : String.format(Locale.ROOT, "%.4f", d);
        }
    }
}
