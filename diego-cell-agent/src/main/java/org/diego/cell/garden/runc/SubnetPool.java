package org.diego.cell.garden.runc;

import java.util.BitSet;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Hands out /30 subnets from a pool such as {@code 10.254.0.0/16}: per container, the network address,
 * the host end of its veth (.1), the container (.2) and the broadcast address. A slot is also named
 * after its network address ({@code dg0afe0004}) so the host interface of a slot is the same for every
 * agent on the host: an agent sharing the pool sees the slot taken because that interface exists.
 */
public final class SubnetPool {
    /** Linux interface names have at most 15 characters; "dg" + 8 hex digits fits. */
    private static final String PREFIX = "dg";
    private final int base;
    private final int prefixLength;
    private final int slots;
    private final BitSet inUse = new BitSet();
    private int cursor;

    /** A /30 of the pool. */
    public record Slot(int index, int network) {
        public String hostIp() {
            return dotted(network + 1);
        }

        public String containerIp() {
            return dotted(network + 2);
        }

        public String hostInterface() {
            return PREFIX + String.format("%08x", network);
        }
    }

    public SubnetPool(String cidr) {
        String[] parts = cidr.strip().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("not a CIDR: " + cidr);
        }
        prefixLength = Integer.parseInt(parts[1]);
        if (prefixLength < 8 || prefixLength > 30) {
            throw new IllegalArgumentException("the container network must be between /8 and /30: " + cidr);
        }
        int mask = (int) (0xffffffffL << (32 - prefixLength));
        base = parse(parts[0]) & mask;
        slots = 1 << (30 - prefixLength);
    }

    public int size() {
        return slots;
    }

    public String cidr() {
        return dotted(base) + "/" + prefixLength;
    }

    /**
     * Reserves the next free slot for which {@code available} holds (the caller checks the host), going
     * round the pool from the last one handed out so that a just-freed subnet is not reused at once.
     */
    public synchronized Optional<Slot> reserve(Predicate<Slot> available) {
        for (int i = 0; i < slots; i++) {
            int index = (cursor + i) % slots;
            if (inUse.get(index)) {
                continue;
            }
            Slot slot = slot(index);
            if (available.test(slot)) {
                inUse.set(index);
                cursor = (index + 1) % slots;
                return Optional.of(slot);
            }
        }
        return Optional.empty();
    }

    /** Frees a slot; one of another pool (a container left by an agent configured differently) is ignored. */
    public synchronized void release(Slot slot) {
        if (slot != null && slot.index() >= 0 && slot.index() < slots && slot(slot.index()).equals(slot)) {
            inUse.clear(slot.index());
        }
    }

    public synchronized int inUse() {
        return inUse.cardinality();
    }

    Slot slot(int index) {
        return new Slot(index, base + 4 * index);
    }

    static int parse(String dotted) {
        String[] octets = dotted.split("\\.");
        if (octets.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        }
        int value = 0;
        for (String octet : octets) {
            int o = Integer.parseInt(octet);
            if (o < 0 || o > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            }
            value = (value << 8) | o;
        }
        return value;
    }

    static String dotted(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }
}
