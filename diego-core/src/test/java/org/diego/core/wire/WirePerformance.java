package org.diego.core.wire;

import java.util.ArrayList;
import java.util.List;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.DiegoError;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;
import org.diego.core.model.PortMapping;

/**
 * Run by hand (not a test): how long encoding a listing of 100,000 running ActualLRPs to protobuf
 * takes, record list → JSON tree → bytes, and decoding it back. Prints best and median after warm-up.
 */
public final class WirePerformance {
    /** The listing response, as the ActualLRP resource will return it. */
    @WireMessage("ActualLRPsResponse")
    record Listing(DiegoError error, List<ActualLrp> actualLrps) {
    }

    static final int ROUNDS = 12;
    /** CPU time of this thread: on a shared machine it shows the cost without the waits for a core. */
    static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<ActualLrp> lrps = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            InstanceKey owner = new InstanceKey("instance-guid-" + i, "cell-z1-" + (i % 100));
            lrps.add(ActualLrp.unclaimed(new ActualLrpKey("process-guid-" + (i / 10), i % 10, "cf-apps"), 1L, "epoch")
                    .claim(owner, 2L)
                    .start(owner, new NetInfo("10.0." + (i % 250) + ".1",
                            List.of(new PortMapping(8080, 61000 + i % 1000), new PortMapping(2222, 62000 + i % 1000)),
                            "10.255.0." + (i % 250)), 1_767_225_600_000_000_000L + i));
        }
        Listing listing = new Listing(null, lrps);
        long[] encode = new long[ROUNDS];
        long[] encodeCpu = new long[ROUNDS];
        byte[] bytes = null;
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            long c0 = CPU.getCurrentThreadCpuTime();
            bytes = WireCodec.encode(listing);
            encodeCpu[round] = CPU.getCurrentThreadCpuTime() - c0;
            encode[round] = System.nanoTime() - t0;
        }
        long[] decode = new long[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            Listing back = WireCodec.decode(bytes, Listing.class);
            decode[round] = System.nanoTime() - t0;
            if (back.actualLrps().size() != count) {
                throw new AssertionError("decoded " + back.actualLrps().size());
            }
        }
        System.out.printf("%d ActualLRPs, %d bytes: encode %s (thread CPU %s), decode %s%n", count, bytes.length,
                summary(encode), summary(encodeCpu), summary(decode));
    }

    /** Best and median in milliseconds, skipping the first rounds (JIT warm-up). */
    static String summary(long[] nanos) {
        long[] warm = java.util.Arrays.copyOfRange(nanos, 3, nanos.length);
        java.util.Arrays.sort(warm);
        return String.format("best %d ms, median %d ms", warm[0] / 1_000_000, warm[warm.length / 2] / 1_000_000);
    }
}
