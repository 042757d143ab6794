package org.diego.core.wire;

import java.util.List;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.DiegoError;

/**
 * Run by hand (not a test): how long encoding a listing of 100,000 running ActualLRPs to protobuf
 * takes, record list → JSON tree → bytes, and decoding it back; then the response writer's streaming
 * path (protobuf per element, JSON through the generator). Prints best and median after warm-up.
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
        List<ActualLrp> lrps = ListingSamples.running(count);
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
        streaming(listing, bytes.length);
    }

    /**
     * The response writer's path: protobuf streamed one element at a time and JSON through Jackson's
     * generator, both into a sink that only counts bytes (as a socket would take them).
     */
    static void streaming(Listing listing, int expectedBytes) {
        long[] proto = new long[ROUNDS];
        long[] protoCpu = new long[ROUNDS];
        long[] json = new long[ROUNDS];
        long protoBytes = 0;
        long jsonBytes = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Counting sink = new Counting();
                long t0 = System.nanoTime();
                long c0 = CPU.getCurrentThreadCpuTime();
                WireCodec.encode(listing, sink);
                protoCpu[round] = CPU.getCurrentThreadCpuTime() - c0;
                proto[round] = System.nanoTime() - t0;
                protoBytes = sink.count;
            }
            for (int round = 0; round < ROUNDS; round++) {
                Counting sink = new Counting();
                long t0 = System.nanoTime();
                org.diego.core.json.Json.write(listing, sink);
                json[round] = System.nanoTime() - t0;
                jsonBytes = sink.count;
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (protoBytes != expectedBytes) {
            throw new AssertionError("streamed " + protoBytes + " bytes, whole-tree encoder " + expectedBytes);
        }
        System.out.printf("streamed per element: protobuf %d bytes %s (thread CPU %s); JSON %d bytes %s%n", protoBytes,
                summary(proto), summary(protoCpu), jsonBytes, summary(json));
    }

    /** Discards what it is given, counting it. */
    static final class Counting extends java.io.OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /** Best and median in milliseconds, skipping the first rounds (JIT warm-up). */
    static String summary(long[] nanos) {
        long[] warm = java.util.Arrays.copyOfRange(nanos, 3, nanos.length);
        java.util.Arrays.sort(warm);
        return String.format("best %d ms, median %d ms", warm[0] / 1_000_000, warm[warm.length / 2] / 1_000_000);
    }
}
