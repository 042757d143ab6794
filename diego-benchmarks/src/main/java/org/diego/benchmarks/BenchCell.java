package org.diego.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.diego.cell.executor.CellExecutor;
import org.diego.cell.executor.Container;
import org.diego.cell.executor.Resources;
import org.diego.cell.garden.HostPortAllocator;
import org.diego.cell.garden.RuncBackend;
import org.diego.cell.garden.RuncBackendConfig;

/**
 * The cell the benchmarks drive: the agent's executor on a runc backend in this JVM, with a work dir,
 * container network and cgroup parent of their own (so nothing collides with a cluster's cells or the
 * ITs on the same host). {@link #close} destroys every container (those an interrupted earlier run left
 * in the work dir included), removes the cgroup parent and reports anything still left on the host; it
 * also runs on Ctrl-C. With warm containers, the backend keeps that many ready per rootfs directory, as the
 * agent does by default ({@code --warm-containers}); {@link #awaitWarm} waits until it has refilled them.
 */
final class BenchCell implements AutoCloseable {
    static final String CGROUP_PARENT = "diego-cellbench";
    /** 10.252/16: not the agent's default 10.254/16, which the ITs use. Interfaces dg0afcXXXX. */
    static final String NETWORK = "10.252.0.0/16";
    private static final String INTERFACE_PREFIX = "dg0afc";
    static final String ROOTFS = "preloaded:cflinuxfs4";
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");

    final Path workDir;
    final RuncBackend backend;
    final CellExecutor executor;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-timers");
        t.setDaemon(true);
        return t;
    });
    private final List<AutoCloseable> alsoClose = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Held by a benchmark step and by the cleanup, so Ctrl-C never races a create or destroy in flight. */
    private final ReentrantLock work = new ReentrantLock();
    private final Thread hook = new Thread(this::cleanUp, "bench-cleanup");
    /** Warm containers seen in the work dir: their netns names say nothing of whose they are. */
    private final Set<String> warmSeen = ConcurrentHashMap.newKeySet();

    /** Without warm containers. */
    BenchCell(Path rootfs, Path workDir, Resources total) throws IOException {
        this(rootfs, workDir, total, 0);
    }

    BenchCell(Path rootfs, Path workDir, Resources total, int warmContainers) throws IOException {
        if (!Files.isExecutable(rootfs.resolve("bin/busybox"))) {
            throw new IllegalArgumentException("no busybox rootfs at " + rootfs
                    + " (sh diego-cell-agent/src/main/scripts/build-busybox-rootfs.sh " + rootfs + ")");
        }
        this.workDir = Files.createDirectories(workDir).toAbsolutePath().normalize();
        RuncBackendConfig config = new RuncBackendConfig(this.workDir.resolve("cell"), "127.0.0.1",
                Map.of("cflinuxfs4", rootfs.toAbsolutePath()), NETWORK, null, null, CGROUP_PARENT,
                Duration.ofSeconds(1), Map.of(), warmContainers, true);
        String unusable = RuncBackend.unusableBecause(config);
        if (unusable != null) {
            throw new IllegalStateException(unusable);
        }
        backend = new RuncBackend(config, new HostPortAllocator(), timers);
        List<String> leftovers = backend.list();
        if (!leftovers.isEmpty()) {
            System.out.println("destroying " + leftovers.size() + " containers an earlier run left");
            leftovers.forEach(backend::destroy);
        }
        executor = new CellExecutor(backend, total, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Waits (up to a minute) until the backend has refilled its warm containers, as they would be on a cell
     * that was idle for a moment; nothing to wait for without them.
     */
    void awaitWarm() throws InterruptedException {
        if (!backend.awaitWarmContainers(Duration.ofMinutes(1))) {
            throw new IllegalStateException("the warm containers were not refilled within a minute");
        }
        noteWarm();
    }

    private void noteWarm() {
        try (Stream<Path> dirs = Files.list(workDir.resolve("cell/containers"))) {
            dirs.map(d -> d.getFileName().toString()).filter(n -> n.startsWith("warm-")).forEach(warmSeen::add);
        } catch (IOException e) {
            // none yet
        }
    }

    /** Runs one step of the benchmark (creates, destroys) unless the cleanup has begun, which waits for it. */
    <T> T step(Callable<T> step) throws Exception {
        work.lock();
        try {
            if (closed.get()) {
                throw new IllegalStateException("interrupted: cleaning up");
            }
            return step.call();
        } finally {
            work.unlock();
        }
    }

    /** Something else to close (before the containers are destroyed), e.g. the raw runc side. */
    <T extends AutoCloseable> T closing(T resource) {
        alsoClose.add(resource);
        return resource;
    }

    @Override
    public void close() {
        cleanUp();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is this call
        }
    }

    private void cleanUp() {
        work.lock();
        try {
            if (closed.compareAndSet(false, true)) {
                destroyEverything();
            }
        } finally {
            work.unlock();
        }
    }

    private void destroyEverything() {
        for (AutoCloseable c : alsoClose) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("cleanup: " + e);
            }
        }
        executor.list().stream().map(Container::guid).forEach(executor::destroy);
        noteWarm();
        backend.list().forEach(backend::destroy);
        backend.close();
        timers.shutdownNow();
        removeCgroupParent();
        List<String> left = leftovers();
        System.out.println(left.isEmpty() ? "cleanup: nothing left (containers, mounts, netns, veths, cgroups)"
                : "cleanup: LEFT BEHIND " + left);
    }

    /** Every controller's {@code diego-cellbench} directory, deepest first (cgroup dirs go with rmdir). */
    private static void removeCgroupParent() {
        for (Path parent : cgroupParents()) {
            try (Stream<Path> dirs = Files.walk(parent)) {
                dirs.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).forEach(d -> d.toFile().delete());
            } catch (IOException | RuntimeException e) {
                System.err.println("cleanup: cannot remove " + parent + ": " + e);
            }
        }
    }

    private static List<Path> cgroupParents() {
        List<Path> parents = new ArrayList<>();
        if (Files.isDirectory(CGROUPS.resolve(CGROUP_PARENT))) {
            parents.add(CGROUPS.resolve(CGROUP_PARENT)); // v2
        }
        try (Stream<Path> controllers = Files.list(CGROUPS)) {
            controllers.map(c -> c.resolve(CGROUP_PARENT)).filter(Files::isDirectory).forEach(parents::add);
        } catch (IOException e) {
            // no cgroup fs: nothing of ours there either
        }
        return parents;
    }

    /** What of ours is still on the host: netns, veths of our pool, mounts under the work dir, cgroups. */
    List<String> leftovers() {
        List<String> left = new ArrayList<>();
        list(Path.of("/run/netns"), "diego-cb-", left);
        warmSeen.stream().map(id -> Path.of("/run/netns", "diego-" + id)).filter(Files::exists)
                .forEach(p -> left.add(p.toString()));
        list(Path.of("/sys/class/net"), INTERFACE_PREFIX, left);
        cgroupParents().forEach(p -> left.add(p.toString()));
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                // Our paths have no characters mountinfo escapes.
                String[] fields = line.split(" ");
                if (fields.length > 4 && fields[4].startsWith(workDir.toString())) {
                    left.add("mount " + fields[4]);
                }
            }
        } catch (IOException e) {
            left.add("(cannot read mountinfo: " + e.getMessage() + ")");
        }
        return left;
    }

    private static void list(Path dir, String prefix, List<String> into) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix))
                    .forEach(n -> into.add(dir.resolve(n).toString()));
        } catch (IOException e) {
            into.add("(cannot list " + dir + ")");
        }
    }
}
