package org.diego.core.auction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Places a batch of LRP instances on cells the way Diego's auction scheduler does, reduced to the
 * rules the skeleton needs: de-duplicate, order (index 0 first, larger memory first), filter by
 * rootfs and placement tags, fit, spread across zones, then pick the lowest score.
 */
public final class Scheduler {
    public static final String NO_CELLS = "unable to communicate to compatible cells";
    public static final String NO_ROOTFS = "found no compatible cell for required rootfs";
    public static final String TAG_MISMATCH = "found no compatible cell with placement tags";

    private Scheduler() {
    }

    public static AuctionResult schedule(List<LrpAuction> batch, List<CellState> cells) {
        Map<String, LrpAuction> unique = new LinkedHashMap<>();
        batch.forEach(a -> unique.putIfAbsent(a.identifier(), a));
        List<LrpAuction> ordered = new ArrayList<>(unique.values());
        // Diego's SortableLRPAuctions: index ascending (so every index 0 comes first), then memory descending.
        ordered.sort(Comparator.<LrpAuction>comparingInt(a -> a.key().index())
                .thenComparing(Comparator.<LrpAuction>comparingInt(a -> a.info().memoryMb()).reversed()));

        Map<String, List<LrpAuction>> placements = new LinkedHashMap<>();
        List<AuctionResult.Failure> failures = new ArrayList<>();
        for (LrpAuction auction : ordered) {
            try {
                CellState winner = place(auction, cells);
                winner.allocate(auction.key().processGuid(), auction.info().memoryMb(), auction.info().diskMb());
                placements.computeIfAbsent(winner.cellId(), k -> new ArrayList<>()).add(auction);
            } catch (PlacementException e) {
                failures.add(new AuctionResult.Failure(auction, e.getMessage()));
            }
        }
        return new AuctionResult(placements, failures);
    }

    private static CellState place(LrpAuction auction, List<CellState> cells) {
        if (cells.isEmpty()) {
            throw new PlacementException(NO_CELLS);
        }
        List<CellState> compatible = cells.stream().filter(c -> c.supportsRootfs(auction.info().rootfs())).toList();
        if (compatible.isEmpty()) {
            throw new PlacementException(NO_ROOTFS);
        }
        compatible = compatible.stream().filter(c -> c.matchesPlacementTags(auction.info().placementTags())).toList();
        if (compatible.isEmpty()) {
            throw new PlacementException(tagMismatch(auction.info().placementTags()));
        }
        int mem = auction.info().memoryMb();
        int disk = auction.info().diskMb();
        List<CellState> fitting = compatible.stream().filter(c -> c.shortfall(mem, disk).isEmpty()).toList();
        if (fitting.isEmpty()) {
            throw new PlacementException(insufficient(compatible, mem, disk));
        }
        // Zones holding fewest instances of this process first: AZ spread beats per-cell colocation.
        String guid = auction.key().processGuid();
        TreeMap<Integer, List<CellState>> byZoneLoad = new TreeMap<>();
        fitting.stream().collect(Collectors.groupingBy(CellState::zone)).forEach((zone, zoneCells) -> {
            int load = cells.stream().filter(c -> c.zone().equals(zone)).mapToInt(c -> c.instancesOf(guid)).sum();
            byZoneLoad.computeIfAbsent(load, k -> new ArrayList<>()).addAll(zoneCells);
        });
        return byZoneLoad.firstEntry().getValue().stream()
                .min(Comparator.comparingDouble((CellState c) -> c.score(guid, mem, disk)).thenComparing(CellState::cellId))
                .orElseThrow();
    }

    /**
     * Diego's PlacementTagMismatchError text (auction auctiontypes): {@code with no placement tags},
     * {@code with placement tag "a"}, or {@value #TAG_MISMATCH} {@code "a", "b" and "c"}.
     */
    private static String tagMismatch(List<String> tags) {
        if (tags.isEmpty()) {
            return "found no compatible cell with no placement tags";
        }
        if (tags.size() == 1) {
            return "found no compatible cell with placement tag \"" + tags.get(0) + "\"";
        }
        List<String> quoted = tags.stream().map(t -> "\"" + t + "\"").toList();
        return TAG_MISMATCH + " " + String.join(", ", quoted.subList(0, quoted.size() - 1))
                + " and " + quoted.get(quoted.size() - 1);
    }

    /** Diego names only the resources that every candidate cell lacks. */
    private static String insufficient(List<CellState> cells, int mem, int disk) {
        EnumSet<CellState.Resource> common = EnumSet.allOf(CellState.Resource.class);
        cells.forEach(c -> common.retainAll(c.shortfall(mem, disk)));
        return "insufficient resources" + (common.isEmpty() ? "" : ": "
                + common.stream().map(Enum::name).collect(Collectors.joining(", ")));
    }

    private static final class PlacementException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PlacementException(String message) {
            super(message, null, false, false);
        }
    }
}
