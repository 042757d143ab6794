package org.diego.core.auction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.diego.core.auction.PlacementExplanation.CellVerdict;
import org.diego.core.auction.PlacementExplanation.Verdict;

/**
 * Places a batch of LRP instances and tasks on cells the way Diego's auction scheduler does
 * ({@code auction:auctionrunner/scheduler.go}, scoring from {@code rep:resources.go}):
 * <ol>
 * <li>de-duplicate the batch ({@code guid.index} for LRPs, task guid for tasks; first occurrence wins);</li>
 * <li>order: LRPs by index ascending then memory descending; every index-0 LRP first, then the tasks
 * (memory descending), then the remaining LRPs;</li>
 * <li>per auction: in-flight start limit; filter cells by rootfs, volume drivers and placement tags
 * (most specific error wins); resource fit; lowest score wins, LRPs zone by zone (zones holding fewest
 * instances of the process first, equally loaded zones together), tasks across all cells;</li>
 * <li>the winner's snapshot is updated (resources, starting containers, instances) before the next auction.</li>
 * </ol>
 * Evacuating cells are skipped. Ties between equal scores go to the lowest cell id (Diego's tie-break
 * depends on Go map iteration order and is effectively random). Single-threaded and pure: the given
 * {@link CellState}s are mutated as placements are made.
 */
public final class Scheduler {
    public static final String NO_CELLS = "unable to communicate to compatible cells";
    public static final String NO_ROOTFS = "found no compatible cell for required rootfs";
    public static final String NO_VOLUME_DRIVERS = "found no compatible cell with required volume drivers";
    public static final String TAG_MISMATCH = "found no compatible cell with placement tags";
    public static final String IN_FLIGHT_LIMIT = "waiting to start instance: reached in-flight start limit";
    public static final String INSUFFICIENT_RESOURCES = "insufficient resources";
    /** Not Diego's (its auctioneer API refuses such requests with 400): a negative request is never placed. */
    public static final String INVALID_REQUEST = "invalid request: memory_mb and disk_mb must not be negative";

    /** Diego's LocalityOffset: score added per instance of the same process (or per task) on the cell. */
    public static final double LOCALITY_OFFSET = 1000.0;

    private static final double NO_SCORE = 1e20;
    private static final int ALL_MISSING =
            CellState.MISSING_CONTAINERS | CellState.MISSING_DISK | CellState.MISSING_MEMORY;

    private Scheduler() {
    }

    /** LRPs only, Diego's default weights. */
    public static AuctionResult schedule(List<LrpAuction> batch, List<CellState> cells) {
        return schedule(batch, List.of(), cells, AuctionConfig.DEFAULTS);
    }

    /**
     * One auction round: every LRP and task of the batch either gets a cell or a failure reason.
     *
     * @param lrps  LRP instances to place (duplicates by {@code guid.index} are dropped)
     * @param tasks tasks to place (duplicates by task guid are dropped)
     * @param cells fresh cell snapshots for this round; mutated as work is reserved on them
     */
    public static AuctionResult schedule(List<LrpAuction> lrps, List<TaskAuction> tasks, List<CellState> cells,
                                         AuctionConfig config) {
        List<LrpAuction> uniqueLrps = dedupe(lrps);
        List<TaskAuction> uniqueTasks = dedupe(tasks);
        // Diego's SortableLRPAuctions / SortableTaskAuctions.
        uniqueLrps.sort(Comparator.comparingInt(LrpAuction::index)
                .thenComparing(Comparator.comparingInt(LrpAuction::memoryMb).reversed()));
        uniqueTasks.sort(Comparator.comparingInt(TaskAuction::memoryMb).reversed());
        int split = 0;
        while (split < uniqueLrps.size() && uniqueLrps.get(split).index() <= 0) {
            split++;
        }
        Round round = new Round(cells, config, uniqueLrps);
        for (LrpAuction a : uniqueLrps.subList(0, split)) {
            round.auctionLrp(a);
        }
        for (TaskAuction t : uniqueTasks) {
            round.auctionTask(t);
        }
        for (LrpAuction a : uniqueLrps.subList(split, uniqueLrps.size())) {
            round.auctionLrp(a);
        }
        return new AuctionResult(round.placements, round.taskPlacements, round.failures, round.taskFailures,
                round.explanations);
    }

    private static <A extends Auction> List<A> dedupe(List<A> batch) {
        Map<String, A> unique = new LinkedHashMap<>();
        for (A a : batch) {
            unique.putIfAbsent(a.identifier(), a);
        }
        return new ArrayList<>(unique.values());
    }

    /**
     * Diego's PlacementTagMismatchError text (auction auctiontypes): {@code with no placement tags},
     * {@code with placement tag "a"}, or {@value #TAG_MISMATCH} {@code "a", "b" and "c"}.
     */
    static String tagMismatch(List<String> tags) {
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

    /** Diego's InsufficientResourcesError: the problems every compatible cell has, sorted by name. */
    static String insufficient(int problems) {
        if (problems == 0) {
            return INSUFFICIENT_RESOURCES;
        }
        StringBuilder sb = new StringBuilder(INSUFFICIENT_RESOURCES).append(": ");
        String sep = "";
        for (CellState.Resource r : CellState.Resource.of(problems)) {
            sb.append(sep).append(r.name());
            sep = ", ";
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------------------

    /** A cell in this round: its zone ordinal and its bin-pack index (normalised per zone). */
    private static final class Slot {
        final CellState cell;
        final int zone;
        int binPackIndex;
        /** Position by cell id: ties between equal scores go to the lowest. */
        int rank;
        /** Instances of the process being auctioned, set only for the duration of one LRP auction. */
        int colocated;

        Slot(CellState cell, int zone) {
            this.cell = cell;
            this.zone = zone;
        }
    }

    /** Filter outcome for one placement constraint: compatible cells per zone, or Diego's most specific error. */
    private record Filtered(Slot[][] perZone, String error) {
    }

    private record Constraint(String rootfs, List<String> tags, List<String> drivers) {
    }

    /** How far a cell gets through Diego's filter chain. */
    private static final int FAILS_ROOTFS = 0;
    private static final int FAILS_DRIVERS = 1;
    private static final int FAILS_TAGS = 2;
    private static final int COMPATIBLE = 3;

    private static final class Round {
        final AuctionConfig config;
        final List<CellState> seen;
        final Map<String, Integer> zoneIds = new HashMap<>();
        final Slot[][] zones;
        final Slot[] slots;
        final Map<CellState, Slot> slotOf = new IdentityHashMap<>();
        final Map<Constraint, Filtered> filters = new HashMap<>();
        /** Instances per zone of each process guid in the batch. */
        final Map<String, int[]> zoneLoads = new HashMap<>();
        /** Instances per cell of each process guid in the batch (only the cells holding some). */
        final Map<String, Map<Slot, Integer>> holders = new HashMap<>();
        int inFlight;

        final Map<String, List<LrpAuction>> placements = new LinkedHashMap<>();
        final Map<String, List<TaskAuction>> taskPlacements = new LinkedHashMap<>();
        final List<AuctionResult.Failure> failures = new ArrayList<>();
        final List<AuctionResult.TaskFailure> taskFailures = new ArrayList<>();
        final Map<String, PlacementExplanation> explanations = new LinkedHashMap<>();

        Round(List<CellState> cells, AuctionConfig config, List<LrpAuction> lrps) {
            this.config = config;
            List<CellState> ordered = new ArrayList<>(cells);
            ordered.sort(Comparator.comparing(CellState::zone).thenComparing(CellState::cellId));
            this.seen = ordered;
            TreeMap<String, List<Slot>> byZone = new TreeMap<>();
            List<Slot> all = new ArrayList<>();
            for (CellState c : ordered) {
                if (c.evacuating()) {
                    continue; // Diego: "ignored-evacuating-cell"
                }
                Integer zone = zoneIds.computeIfAbsent(c.zone(), z -> zoneIds.size());
                Slot s = new Slot(c, zone);
                byZone.computeIfAbsent(c.zone(), z -> new ArrayList<>()).add(s);
                all.add(s);
                slotOf.put(c, s);
                inFlight += c.startingContainerCount();
            }
            this.slots = all.toArray(Slot[]::new);
            Slot[] byId = slots.clone();
            Arrays.sort(byId, Comparator.comparing(s -> s.cell.cellId()));
            for (int i = 0; i < byId.length; i++) {
                byId[i].rank = i;
            }
            this.zones = new Slot[zoneIds.size()][];
            byZone.forEach((name, list) -> zones[zoneIds.get(name)] = list.toArray(Slot[]::new));
            if (config.binPackFirstFitWeight() > 0) {
                // Diego's normaliseCellIndices: within each zone, sort by CellIndex and renumber from 0.
                for (Slot[] zone : zones) {
                    Slot[] byIndex = zone.clone();
                    Arrays.sort(byIndex, Comparator.comparingInt((Slot s) -> s.cell.cellIndex())
                            .thenComparing(s -> s.cell.cellId()));
                    for (int i = 0; i < byIndex.length; i++) {
                        byIndex[i].binPackIndex = i;
                    }
                }
            }
            Set<String> guids = new HashSet<>();
            lrps.forEach(a -> guids.add(a.processGuid()));
            for (Slot s : slots) {
                s.cell.instancesByProcess().forEach((guid, n) -> {
                    if (guids.contains(guid)) {
                        zoneLoads.computeIfAbsent(guid, g -> new int[zones.length])[s.zone] += n;
                        holders.computeIfAbsent(guid, g -> new IdentityHashMap<>()).put(s, n);
                    }
                });
            }
        }

        // ---- LRPs ---------------------------------------------------------------------------------------------

        void auctionLrp(LrpAuction a) {
            String error = precheck(a);
            if (error != null) {
                failLrp(a, error, null, null);
                return;
            }
            Filtered f = filter(a);
            if (f.error() != null) {
                failLrp(a, f.error(), f, null);
                return;
            }
            String guid = a.processGuid();
            int[] load = zoneLoads.get(guid);
            Map<Slot, Integer> held = holders.get(guid);
            if (held != null) {
                held.forEach((slot, n) -> slot.colocated = n);
            }
            try {
                Slot winner = pickLrpWinner(a, f, load);
                if (winner == null) {
                    return;
                }
                if (config.explainPlacements()) {
                    explain(a, null, f, load, winner);
                }
                winner.cell.reserveLrp(a);
                zoneLoads.computeIfAbsent(guid, g -> new int[zones.length])[winner.zone]++;
                holders.computeIfAbsent(guid, g -> new IdentityHashMap<>()).merge(winner, 1, Integer::sum);
                inFlight++;
                placements.computeIfAbsent(winner.cell.cellId(), k -> new ArrayList<>()).add(a);
            } finally {
                if (held != null) {
                    held.keySet().forEach(slot -> slot.colocated = 0);
                }
            }
        }

        /** Diego's scheduleLRPAuction scoring loop; records the failure and returns null when nothing fits. */
        private Slot pickLrpWinner(LrpAuction a, Filtered f, int[] load) {
            Integer[] order = zoneOrder(f, load);
            int disk = a.diskMb();
            double startingWeight = config.startingContainerWeight();
            double binPackWeight = config.binPackFirstFitWeight();
            int problems = ALL_MISSING;
            Slot winner = null;
            double best = NO_SCORE;
            for (int k = 0; k < order.length; k++) {
                int z = order[k];
                for (Slot s : f.perZone()[z]) {
                    CellState c = s.cell;
                    int mem = a.memoryMb() + c.proxyMemoryAllocationMb();
                    int missing = c.missing(mem, disk);
                    if (missing != 0) {
                        problems &= missing;
                        continue;
                    }
                    double score = c.resourceScore(mem, disk, startingWeight)
                            + LOCALITY_OFFSET * s.colocated
                            + s.binPackIndex * binPackWeight;
                    if (score < best || score == best && winner != null && s.rank < winner.rank) {
                        best = score;
                        winner = s;
                    }
                }
                // Equally loaded zones are scored together; otherwise stop at the first zone group with a winner.
                if (k + 1 < order.length && count(load, order[k + 1]) == count(load, z)) {
                    continue;
                }
                if (winner != null) {
                    break;
                }
            }
            if (winner == null) {
                failLrp(a, insufficient(problems), f, load);
            }
            return winner;
        }

        /** Zones that have compatible cells, fewest instances of the process first (stable by zone name). */
        private Integer[] zoneOrder(Filtered f, int[] load) {
            List<Integer> order = new ArrayList<>(zones.length);
            for (int z = 0; z < zones.length; z++) {
                if (f.perZone()[z].length > 0) {
                    order.add(z);
                }
            }
            Integer[] out = order.toArray(Integer[]::new);
            if (load != null && out.length > 1) {
                Arrays.sort(out, Comparator.comparingInt(z -> load[z]));
            }
            return out;
        }

        private static int count(int[] load, int zone) {
            return load == null ? 0 : load[zone];
        }

        private void failLrp(LrpAuction a, String reason, Filtered f, int[] load) {
            failures.add(new AuctionResult.Failure(a, reason));
            explain(a, reason, f, load, null);
        }

        // ---- tasks --------------------------------------------------------------------------------------------

        void auctionTask(TaskAuction t) {
            String error = precheck(t);
            if (error != null) {
                failTask(t, error, null);
                return;
            }
            Filtered f = filter(t);
            if (f.error() != null) {
                failTask(t, f.error(), f);
                return;
            }
            int problems = ALL_MISSING;
            Slot winner = null;
            double best = NO_SCORE;
            for (Slot[] zone : f.perZone()) {
                for (Slot s : zone) {
                    CellState c = s.cell;
                    int missing = c.missing(t.memoryMb(), t.diskMb());
                    if (missing != 0) {
                        problems &= missing;
                        continue;
                    }
                    double score = c.taskScore(t.memoryMb(), t.diskMb(), config.startingContainerWeight());
                    if (score < best || score == best && winner != null && s.rank < winner.rank) {
                        best = score;
                        winner = s;
                    }
                }
            }
            if (winner == null) {
                failTask(t, insufficient(problems), f);
                return;
            }
            if (config.explainPlacements()) {
                explain(t, null, f, null, winner);
            }
            winner.cell.reserveTask(t);
            inFlight++;
            taskPlacements.computeIfAbsent(winner.cell.cellId(), k -> new ArrayList<>()).add(t);
        }

        private void failTask(TaskAuction t, String reason, Filtered f) {
            taskFailures.add(new AuctionResult.TaskFailure(t, reason));
            explain(t, reason, f, null, null);
        }

        // ---- shared -------------------------------------------------------------------------------------------

        /** Failures decided before any cell is looked at. */
        private String precheck(Auction a) {
            if (slots.length == 0) {
                return NO_CELLS;
            }
            if (a.memoryMb() < 0 || a.diskMb() < 0) {
                return INVALID_REQUEST;
            }
            if (config.startingContainerCountMaximum() > 0 && inFlight >= config.startingContainerCountMaximum()) {
                return IN_FLIGHT_LIMIT;
            }
            return null;
        }

        /** Diego's Zone.filterCells over every zone; cached per distinct constraint for the round. */
        private Filtered filter(Auction a) {
            Constraint key = new Constraint(a.rootfs(), a.placementTags(), a.volumeDrivers());
            Filtered cached = filters.get(key);
            if (cached != null) {
                return cached;
            }
            Slot[][] perZone = new Slot[zones.length][];
            int furthest = FAILS_ROOTFS;
            int compatible = 0;
            for (int z = 0; z < zones.length; z++) {
                List<Slot> ok = new ArrayList<>();
                for (Slot s : zones[z]) {
                    int stage = stage(s.cell, a);
                    furthest = Math.max(furthest, stage);
                    if (stage == COMPATIBLE) {
                        ok.add(s);
                    }
                }
                perZone[z] = ok.toArray(Slot[]::new);
                compatible += ok.size();
            }
            String error = null;
            if (compatible == 0) {
                error = switch (furthest) {
                    case FAILS_ROOTFS -> NO_ROOTFS;
                    case FAILS_DRIVERS -> NO_VOLUME_DRIVERS;
                    default -> tagMismatch(a.placementTags());
                };
            }
            Filtered f = new Filtered(perZone, error);
            filters.put(key, f);
            return f;
        }

        private static int stage(CellState c, Auction a) {
            if (!c.supportsRootfs(a.rootfs())) {
                return FAILS_ROOTFS;
            }
            if (!c.supportsVolumeDrivers(a.volumeDrivers())) {
                return FAILS_DRIVERS;
            }
            if (!c.matchesPlacementTags(a.placementTags())) {
                return FAILS_TAGS;
            }
            return COMPATIBLE;
        }

        /**
         * Records one verdict per cell for {@code a}, as of now (before the winner's reservation).
         * {@code f} null means no cell was evaluated (no cells, invalid request, in-flight limit).
         */
        private void explain(Auction a, String reason, Filtered f, int[] load, Slot winner) {
            if (explanations.size() >= config.maxExplanations()) {
                return;
            }
            List<CellVerdict> verdicts = new ArrayList<>();
            if (f != null) {
                boolean lrp = a instanceof LrpAuction;
                String guid = lrp ? ((LrpAuction) a).processGuid() : null;
                // LRPs: zones holding more instances than the winner's zone were never reached.
                int reachedLoad = winner == null || !lrp ? Integer.MAX_VALUE : count(load, winner.zone);
                for (CellState c : seen) {
                    Slot s = slotOf.get(c);
                    Integer zoneInstances = lrp && s != null ? count(load, s.zone) : null;
                    if (s == null) {
                        verdicts.add(new CellVerdict(c.cellId(), c.zone(), Verdict.EVACUATING, Set.of(), null, null));
                        continue;
                    }
                    int stage = stage(c, a);
                    if (stage != COMPATIBLE) {
                        Verdict v = stage == FAILS_ROOTFS ? Verdict.ROOTFS
                                : stage == FAILS_DRIVERS ? Verdict.VOLUME_DRIVERS : Verdict.PLACEMENT_TAGS;
                        verdicts.add(new CellVerdict(c.cellId(), c.zone(), v, Set.of(), null, zoneInstances));
                        continue;
                    }
                    int mem = c.requestedMemory(a);
                    int missing = c.missing(mem, a.diskMb());
                    if (missing != 0) {
                        verdicts.add(new CellVerdict(c.cellId(), c.zone(), Verdict.INSUFFICIENT_RESOURCES,
                                CellState.Resource.of(missing), null, zoneInstances));
                        continue;
                    }
                    double score = lrp
                            ? c.score(guid, mem, a.diskMb(), config.startingContainerWeight())
                                    + s.binPackIndex * config.binPackFirstFitWeight()
                            : c.taskScore(mem, a.diskMb(), config.startingContainerWeight());
                    Verdict v = s == winner ? Verdict.WINNER
                            : lrp && count(load, s.zone) > reachedLoad ? Verdict.ZONE_NOT_REACHED : Verdict.OUTSCORED;
                    verdicts.add(new CellVerdict(c.cellId(), c.zone(), v, Set.of(), score, zoneInstances));
                }
            }
            explanations.put(a.identifier(), new PlacementExplanation(a.identifier(),
                    winner == null ? null : winner.cell.cellId(), reason, verdicts));
        }
    }
}
