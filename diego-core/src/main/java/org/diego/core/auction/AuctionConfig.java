package org.diego.core.auction;

/**
 * The auctioneer's scheduling knobs, with Diego's defaults ({@code diego-release} auctioneer job spec).
 *
 * @param startingContainerWeight       score added per container already starting on a cell (Diego: 0.25)
 * @param binPackFirstFitWeight         score added per unit of the cell's index within its zone (Diego: 0.0,
 *                                      experimental; when above 0 indices are normalised per zone)
 * @param startingContainerCountMaximum in-flight start limit across all cells; 0 means unlimited (Diego: 0)
 * @param explainPlacements             beyond Diego: also explain successful placements (failures are always
 *                                      explained); costs one extra pass over the cells per auction
 * @param maxExplanations               beyond Diego: at most this many auctions per round get a per-cell
 *                                      explanation (each holds one verdict per cell), so a failure storm on a
 *                                      large cluster stays cheap; later failures keep Diego's reason only
 */
public record AuctionConfig(double startingContainerWeight, double binPackFirstFitWeight,
                            int startingContainerCountMaximum, boolean explainPlacements, int maxExplanations) {
    public static final int DEFAULT_MAX_EXPLANATIONS = 100;
    public static final double DEFAULT_STARTING_CONTAINER_WEIGHT = 0.25;
    public static final double DEFAULT_BIN_PACK_FIRST_FIT_WEIGHT = 0.0;
    public static final int DEFAULT_STARTING_CONTAINER_COUNT_MAXIMUM = 0;

    /** Diego's defaults, explanations for failures only. */
    public static final AuctionConfig DEFAULTS = new AuctionConfig(DEFAULT_STARTING_CONTAINER_WEIGHT,
            DEFAULT_BIN_PACK_FIRST_FIT_WEIGHT, DEFAULT_STARTING_CONTAINER_COUNT_MAXIMUM, false, DEFAULT_MAX_EXPLANATIONS);

    public AuctionConfig {
        if (!(startingContainerWeight >= 0) || Double.isInfinite(startingContainerWeight)) {
            throw new IllegalArgumentException("starting_container_weight must be a finite number >= 0");
        }
        if (!(binPackFirstFitWeight >= 0) || Double.isInfinite(binPackFirstFitWeight)) {
            throw new IllegalArgumentException("bin_pack_first_fit_weight must be a finite number >= 0");
        }
        if (startingContainerCountMaximum < 0) {
            throw new IllegalArgumentException("starting_container_count_maximum must be >= 0 (0 = unlimited)");
        }
        if (maxExplanations < 0) {
            throw new IllegalArgumentException("max explanations must be >= 0");
        }
    }

    public AuctionConfig(double startingContainerWeight, double binPackFirstFitWeight,
                         int startingContainerCountMaximum) {
        this(startingContainerWeight, binPackFirstFitWeight, startingContainerCountMaximum, false, DEFAULT_MAX_EXPLANATIONS);
    }

    public AuctionConfig withStartingContainerWeight(double weight) {
        return new AuctionConfig(weight, binPackFirstFitWeight, startingContainerCountMaximum, explainPlacements,
                maxExplanations);
    }

    public AuctionConfig withBinPackFirstFitWeight(double weight) {
        return new AuctionConfig(startingContainerWeight, weight, startingContainerCountMaximum, explainPlacements,
                maxExplanations);
    }

    public AuctionConfig withStartingContainerCountMaximum(int maximum) {
        return new AuctionConfig(startingContainerWeight, binPackFirstFitWeight, maximum, explainPlacements, maxExplanations);
    }

    public AuctionConfig withExplainPlacements(boolean explain) {
        return new AuctionConfig(startingContainerWeight, binPackFirstFitWeight, startingContainerCountMaximum, explain,
                maxExplanations);
    }

    public AuctionConfig withMaxExplanations(int max) {
        return new AuctionConfig(startingContainerWeight, binPackFirstFitWeight, startingContainerCountMaximum,
                explainPlacements, max);
    }
}
