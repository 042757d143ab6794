package org.diego.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.cell.executor.Container;
import org.diego.cell.executor.ContainerState;
import org.diego.cell.executor.Resources;
import org.diego.cell.executor.RunRequest;
import org.diego.core.model.RunAction;

/**
 * Issue 7 (2): the cell agent's resident memory with N running containers. Starts N instances through
 * the executor on the runc backend in this JVM (a lone run action, {@code sleep} as vcap, one container
 * port each, as an app instance has), waits for them to settle, reads this JVM's VmRSS and heap, and what
 * the containers cost the host outside the JVM; then destroys them all. Target: VmRSS ≤ 128 MB at 250.
 * Run it with the options a cell agent would get, e.g.
 *
 * <pre>java -Xms16m -Xmx64m -XX:+UseSerialGC -Xss256k -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m \
 *     -XX:MaxMetaspaceSize=64m -cp diego-benchmarks/target/benchmarks.jar org.diego.benchmarks.CellRss \
 *     [containers=250 rootfs=/var/lib/diego/rootfs/busybox workDir=/var/tmp/diego-cellbench memoryMb=64]</pre>
 *
 * Needs root, runc, catatonit and the rootfs (build-busybox-rootfs.sh). Everything it creates is removed at
 * the end, or on Ctrl-C.
 */
public final class CellRss {
    private static final Logger QUIET = Logger.getLogger("org.diego");

    private CellRss() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].startsWith("-")) {
            System.out.println("usage: java [-Xms16m -Xmx64m ...] -cp benchmarks.jar org.diego.benchmarks.CellRss"
                    + " [containers=250 rootfs=/var/lib/diego/rootfs/busybox workDir=/var/tmp/diego-cellbench memoryMb=64]");
            return;
        }
        Args a = new Args(args, "containers", "rootfs", "workDir", "memoryMb");
        int n = a.getInt("containers", 250);
        Path rootfs = Path.of(a.get("rootfs", "/var/lib/diego/rootfs/busybox"));
        Path workDir = Path.of(a.get("workDir", "/var/tmp/diego-cellbench"));
        int memoryMb = a.getInt("memoryMb", 64);
        QUIET.setLevel(Level.WARNING);
        HostConditions.print();
        System.out.println("host limits: pid_max " + read("/proc/sys/kernel/pid_max") + ", ephemeral ports "
                + read("/proc/sys/net/ipv4/ip_local_port_range").replace('\t', '-') + ", subnets in "
                + BenchCell.NETWORK + ": " + (1 << (30 - 16)));
        // The agent's defaults (--containers 64 --memory-mb 4096) would refuse the 65th: give the ledger room.
        Resources total = new Resources(n * memoryMb, n * 128, n);
        RunRequest request = new RunRequest(BenchCell.ROOTFS, List.of(), List.of(8080),
                new RunAction("sleep", List.of("3600"), null, List.of(), "vcap"), 1024);
        try (BenchCell cell = new BenchCell(rootfs, workDir, total)) {
            System.gc();
            report("baseline (no containers)", cell);
            long started = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String guid = "cb-rss-" + i;
                Container c = cell.step(() -> {
                    cell.executor.reserve(guid, Map.of(), new Resources(memoryMb, 128, 1)).orElseThrow(
                            () -> new IllegalStateException("the ledger refused " + guid));
                    return cell.executor.run(guid, request);
                });
                if (c.state() != ContainerState.RUNNING) {
                    throw new IllegalStateException(guid + " is " + c.state() + ": " + c.result());
                }
                if ((i + 1) % 50 == 0) {
                    System.out.printf("%d running after %.1f s, VmRSS %d MB%n", i + 1,
                            (System.nanoTime() - started) / 1e9, ProcStatus.selfKb("VmRSS") / 1024);
                }
            }
            Thread.sleep(5000);
            report(n + " running", cell);
            System.gc();
            Thread.sleep(1000);
            report(n + " running, after a full GC", cell);
            hostSide(cell);
            long destroying = System.nanoTime();
            for (Container c : cell.executor.list()) {
                cell.step(() -> cell.executor.destroy(c.guid()));
            }
            System.out.printf("destroyed %d in %.1f s%n", n, (System.nanoTime() - destroying) / 1e9);
            report("after destroying them", cell);
        }
    }

    private static void report(String when, BenchCell cell) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long nonHeapPools = 0;
        StringBuilder pools = new StringBuilder();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.NON_HEAP) {
                nonHeapPools += pool.getUsage().getUsed();
                pools.append(String.format(" %s %.1f", pool.getName(), pool.getUsage().getUsed() / 1048576.0));
            }
        }
        System.out.printf("%s: VmRSS %d MB (VmHWM %d MB), heap used %.1f MB of %.1f MB committed, non-heap %.1f MB"
                        + " [%s ], threads %d, containers %d%n",
                when, ProcStatus.selfKb("VmRSS") / 1024, ProcStatus.selfKb("VmHWM") / 1024,
                memory.getHeapMemoryUsage().getUsed() / 1048576.0,
                memory.getHeapMemoryUsage().getCommitted() / 1048576.0, nonHeapPools / 1048576.0,
                pools.toString().strip(), ManagementFactory.getThreadMXBean().getThreadCount(),
                cell.executor.list().size());
    }

    /**
     * Outside the JVM each running process keeps its {@code runc exec} (our child), and each container
     * has its init and the process; shared pages counted once (Pss).
     */
    private static void hostSide(BenchCell cell) {
        List<ProcessHandle> children = new ArrayList<>(ProcessHandle.current().children().toList());
        long pss = 0;
        for (ProcessHandle child : children) {
            pss += Math.max(0, ProcStatus.field(Path.of("/proc/" + child.pid() + "/smaps_rollup"), "Pss"));
        }
        long cgroupBytes = -1;
        Path usage = Path.of("/sys/fs/cgroup/memory", BenchCell.CGROUP_PARENT, "memory.usage_in_bytes");
        try {
            cgroupBytes = Long.parseLong(read(usage.toString()));
        } catch (Exception e) {
            // cgroup v2 or not there
        }
        System.out.printf("host side: %d runc exec children of the JVM, Pss %d MB in all; containers' memory"
                + " cgroups %d MB (page cache included); MemAvailable %d MB%n", children.size(), pss / 1024,
                cgroupBytes / 1048576, HostConditions.meminfo("MemAvailable") / 1024);
    }

    private static String read(String file) {
        try {
            // readAllLines: Files.readString returned a truncated value for /proc/sys files on the test host.
            return String.join(" ", Files.readAllLines(Path.of(file))).strip();
        } catch (Exception e) {
            return "?";
        }
    }
}
