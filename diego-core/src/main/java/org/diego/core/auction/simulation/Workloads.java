package org.diego.core.auction.simulation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.diego.core.auction.LrpAuction;

/**
 * Batches as Diego's simulation generates them ({@code auction:simulation/simulation_test.go}): every
 * request is 1 MB of disk on the simulation's preloaded rootfs, guids come from a counter, randomness
 * from a seed so runs are reproducible.
 */
public final class Workloads {
    public static final String DOMAIN = "auction";
    public static final List<String> COLORS = List.of("purple", "red", "orange", "teal", "gray", "blue", "pink",
            "green", "lime", "cyan", "lightseagreen", "brown");

    private final Random random;
    private int next;

    public Workloads(long seed) {
        this.random = new Random(seed);
    }

    public static LrpAuction lrp(String processGuid, int index, int memoryMb) {
        return LrpAuction.of(processGuid, index, DOMAIN, memoryMb, 1, Simulation.ROOTFS, List.of(), List.of());
    }

    public String newGuid(String prefix) {
        return String.format("%s-%06d", prefix, ++next);
    }

    /** Diego's generateUniqueLRPStartAuctions: {@code n} apps, each its own guid, the i-th with index i. */
    public List<LrpAuction> uniqueApps(int n, int memoryMb) {
        List<LrpAuction> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(lrp(newGuid("app"), i, memoryMb));
        }
        return out;
    }

    /** Diego's generateLRPStartAuctionsForProcessGuid: indices 0..n-1 of one process. */
    public List<LrpAuction> instances(String processGuid, int n, int memoryMb) {
        List<LrpAuction> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(lrp(processGuid, i, memoryMb));
        }
        return out;
    }

    /** Diego's generateLRPStartAuctionsWithRandomColor: index i of a process picked at random among colors. */
    public List<LrpAuction> randomColors(int n, int memoryMb, List<String> colors) {
        List<LrpAuction> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(lrp(colors.get(random.nextInt(colors.size())), i, memoryMb));
        }
        return out;
    }

    /** Diego's generateUniqueLRPs: already-running single instances (index 0) to preload cells with. */
    public List<LrpAuction> running(int n, int memoryMb) {
        List<LrpAuction> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(lrp(newGuid("running"), 0, memoryMb));
        }
        return out;
    }

    /**
     * Diego's "Large Cold LRPStarts" mix, permuted: {@code n1} requests of 1 MB, {@code n2} of 2 MB and
     * {@code n4} of 4 MB, each half unique apps and half instances of four colours.
     */
    public List<LrpAuction> largeColdMix(int n1, int n2, int n4) {
        List<LrpAuction> out = new ArrayList<>();
        out.addAll(uniqueApps(n1 / 2, 1));
        out.addAll(randomColors(n1 / 2, 1, COLORS.subList(0, 4)));
        out.addAll(uniqueApps(n2 / 2, 2));
        out.addAll(randomColors(n2 / 2, 2, COLORS.subList(4, 8)));
        out.addAll(uniqueApps(n4 / 2, 4));
        out.addAll(randomColors(n4 / 2, 4, COLORS.subList(8, 12)));
        Collections.shuffle(out, random);
        return out;
    }
}
