package org.diego.cell.garden;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.diego.cell.archive.TarExtractor;
import org.diego.cell.garden.image.ImageConfig;
import org.diego.cell.garden.image.ImageRef;
import org.diego.cell.garden.image.ImageStore;
import org.diego.cell.garden.image.ResolvedImage;
import org.diego.cell.garden.runc.Bundle;
import org.diego.cell.garden.runc.CgroupLimits;
import org.diego.cell.garden.runc.CgroupUsage;
import org.diego.cell.garden.runc.ContainerNetwork;
import org.diego.cell.garden.runc.ContainerUser;
import org.diego.cell.garden.runc.HostCommand;
import org.diego.cell.garden.runc.OciSpec;
import org.diego.cell.garden.runc.PortForwarder;
import org.diego.cell.garden.runc.RootfsLayer;
import org.diego.cell.garden.runc.Runc;
import org.diego.cell.garden.runc.ScratchDisk;
import org.diego.cell.garden.runc.SubnetPool;
import org.diego.cell.garden.runc.UtsHostname;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.PortMapping;

/**
 * A Garden backend on runc, like guardian: container {@code h} is the OCI bundle
 * {@code <work-dir>/containers/h} whose rootfs is an overlay of a preloaded rootfs directory, started
 * long-lived with a pause-mode init; processes join it with {@code runc exec}. Each container has its
 * own pid, mount, ipc, uts and network namespace, memory (+swap), pid and cpu-share limits, and a /30
 * behind a veth pair; declared ports are forwarded from host ports by the agent. A disk limit puts the
 * container's writable layer on a {@link ScratchDisk} of that size. Logs go to
 * {@code stdout.log}/{@code stderr.log} in the bundle, as with the process backend. See
 * docs/07-garden-runc.md for what is and is not enforced.
 *
 * <p>Warm containers ({@link RuncBackendConfig#warmContainers()}): a few containers per preloaded rootfs
 * directory are built ahead of time under neutral runc ids ({@code warm-<hex>}), without cgroup limits but
 * with a scratch disk of the limit recent creates on that directory asked for (a disk limit cannot be
 * changed once the overlay is mounted, so a create asking for another size is served cold, and the pool
 * follows a run of such creates); a create takes one, writes its limits into its cgroups and gives it the
 * handle's host name and hosts file, and the pool is refilled in the background ({@link WarmPool}). Such a
 * container keeps its runc id, bundle directory, netns and cgroups; its {@link Box} maps the handle to
 * them, and its bundle records the handle for a restarted agent.
 *
 * <p>Processes listen on their container port: {@code PORT} is left as the caller gives it and defaults
 * to the first declared container port; the host port only appears in the mappings (and so in
 * CF_INSTANCE_PORT).
 */
public final class RuncBackend extends BookkeepingBackend {
    private static final Logger LOG = Logger.getLogger(RuncBackend.class.getName());
    private static final Pattern HANDLE = Pattern.compile("^[A-Za-z0-9_-]{1,128}$");
    private static final String ROOT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final String USER_PATH = "/usr/local/bin:/usr/bin:/bin";
    /** Where the init binary appears in the container, like guardian's /tmp/garden-init. */
    static final String INIT_PATH = "/tmp/diego-init";
    private static final int BIND_ATTEMPTS = 5;
    /** The runc id (and bundle and netns name) of a warm container until, and after, a create takes it. */
    static final String WARM_PREFIX = "warm-";
    private static final Path DEV_NULL = Path.of("/dev/null");

    private final RuncBackendConfig config;
    private final Path containers;
    private final Runc runc;
    private final ContainerNetwork network;
    private final int maxContainers;
    private final HostPortAllocator ports;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService relays;
    /** Runs a create's network setup beside its rootfs and runc work. */
    private final ExecutorService setup;
    private final boolean swapAccounting;
    private final Map<String, Box> boxes = new ConcurrentHashMap<>();
    private final CgroupUsage cgroups = new CgroupUsage(Path.of("/sys/fs/cgroup"));
    private final CgroupLimits cgroupLimits = new CgroupLimits(Path.of("/sys/fs/cgroup"));
    private final WarmPool<WarmKind, Warm> warm;
    /** Whether a container's disk limit is enforced (config and host allowing). */
    private final boolean diskLimits;
    /** runc ids of the warm containers being built or ready, i.e. no handle's yet: list() leaves them out. */
    private final Set<String> warmIds = ConcurrentHashMap.newKeySet();
    private final ImageStore images;
    private volatile PhaseTimer timer = PhaseTimer.NONE;

    /**
     * One container as this agent knows it. {@code runcId} names it to runc, in its bundle directory, netns
     * and cgroups: the handle, or the neutral id of the warm container it was made from.
     */
    private record Box(ContainerInfo info, String runcId, Bundle bundle, List<EnvironmentVariable> env,
                       ContainerNetwork.Attachment attachment, List<PortForwarder> forwarders, boolean hasShell,
                       ImageConfig image) {
    }

    /** What {@link #build} made. */
    private record Built(Bundle bundle, ContainerNetwork.Attachment attachment) {
    }

    /** A ready container of the pool: its init runs under runc id {@code id}, with no cgroup limits yet. */
    private record Warm(String id, Bundle bundle, ContainerNetwork.Attachment attachment) {
    }

    /** What a create must match to take a warm container: its rootfs directory and disk limit (0: none). */
    private record WarmKind(Path lower, long diskBytes) {
    }

    /** The read-only lower layer of a container and the process defaults its image gives (none for a stack). */
    private record Lower(Path dir, ImageConfig image) {
    }

    public RuncBackend(RuncBackendConfig config, HostPortAllocator ports, ScheduledExecutorService scheduler) {
        this(config, ports, scheduler, Clock.systemUTC());
    }

    /** With the clock grace times are measured on. */
    public RuncBackend(RuncBackendConfig config, HostPortAllocator ports, ScheduledExecutorService scheduler,
                       Clock clock) {
        super(clock, scheduler);
        this.config = config;
        this.containers = config.workDir().resolve("containers");
        this.runc = new Runc(config.runc(), config.workDir().resolve("runc"), config.workDir().resolve("exits"));
        SubnetPool subnets = new SubnetPool(config.network());
        this.maxContainers = subnets.size();
        this.network = new ContainerNetwork(subnets);
        this.ports = ports;
        this.scheduler = scheduler;
        AtomicInteger n = new AtomicInteger();
        this.relays = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "port-forward-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicInteger s = new AtomicInteger();
        this.setup = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "container-setup-" + s.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.swapAccounting = kernelAccountsSwap();
        this.images = new ImageStore(config.images(), config.workDir().resolve("images"));
        this.diskLimits = config.diskLimits() && canLimitDisk();
        long warmDisk = diskLimits ? RuncBackendConfig.WARM_DISK_BYTES : 0;
        List<WarmKind> kinds = config.rootfsDirs().values().stream().distinct().filter(Files::isDirectory)
                .map(lower -> new WarmKind(lower, warmDisk)).toList();
        int warmContainers = config.warmContainers() > 0 && !canRename() ? 0 : config.warmContainers();
        // A rootfs directory is a slot: its disk limit follows the creates' (WarmPool#take).
        this.warm = new WarmPool<>(warmContainers, kinds, WarmKind::lower, this::buildWarm, this::destroyWarm, setup,
                (delay, task) -> scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS), System::nanoTime);
        warm.refill();
    }

    /** A warm container gets its handle as host name through nsenter (util-linux); without it, no pool. */
    private static boolean canRename() {
        try {
            if (HostCommand.run(List.of("nsenter", "--version")).ok()) {
                return true;
            }
        } catch (IOException e) {
            // not installed
        }
        LOG.warning("nsenter (util-linux) is missing: no warm containers, every create builds its container");
        return false;
    }

    /** Disk limits need loop devices and mkfs.ext4; without them containers get none, as the log says. */
    private static boolean canLimitDisk() {
        String why = ScratchDisk.unusableBecause();
        if (why != null) {
            LOG.warning("disk limits are not enforced on this host: " + why);
        }
        return why == null;
    }

    /** Whether containers' disk limits are enforced here (see {@link ScratchDisk}). */
    public boolean limitsDisk() {
        return diskLimits;
    }

    /** Where the durations of create's and run's phases go from now on (none by default). */
    public void timePhases(PhaseTimer timer) {
        this.timer = timer == null ? PhaseTimer.NONE : timer;
        runc.timePhases(this.timer);
    }

    /** Why this host cannot run the backend, or null if it can: checked once when the agent starts. */
    public static String unusableBecause(RuncBackendConfig config) {
        try {
            // /proc/self belongs to the process's effective uid.
            if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
                return "the runc backend needs root";
            }
        } catch (IOException | UnsupportedOperationException e) {
            return "the runc backend needs Linux";
        }
        if (!Files.isExecutable(config.init())) {
            return "container init " + config.init() + " is missing (apt-get install catatonit)";
        }
        for (List<String> probe : List.of(List.of(config.runc(), "--version"), List.of("ip", "-V"))) {
            try {
                if (!HostCommand.run(probe).ok()) {
                    return String.join(" ", probe) + " failed";
                }
            } catch (IOException e) {
                return "cannot run " + probe.get(0) + " (" + e.getMessage() + ")";
            }
        }
        return null;
    }

    @Override
    public ContainerInfo create(ContainerSpec spec) throws BackendException {
        String handle = spec.handle();
        if (handle == null || !HANDLE.matcher(handle).matches()) {
            throw new BackendException("invalid container handle: " + handle);
        }
        Bundle bundle = new Bundle(containers.resolve(handle));
        if (boxes.containsKey(handle) || Files.exists(bundle.dir()) || runc.exists(handle)) {
            throw new BackendException("container " + handle + " already exists");
        }
        warm.enterBusy();
        try {
            Lower rootfs = lower(spec.rootfs());
            Warm taken = ImageRef.isImage(spec.rootfs()) ? null
                    : warm.take(new WarmKind(rootfs.dir(), diskBytes(spec.limits())));
            if (taken != null) {
                ContainerInfo info = createWarm(spec, rootfs, taken);
                if (info != null) {
                    return info;
                }
            }
            return createCold(spec, rootfs);
        } finally {
            warm.exitBusy();
        }
    }

    /** The disk limit a container gets here: none when disk limits are off. */
    private long diskBytes(ContainerLimits limits) {
        return diskLimits ? limits.diskBytes() : 0;
    }

    /** Builds the container under its handle: rootfs, network, bundle files, init. */
    private ContainerInfo createCold(ContainerSpec spec, Lower rootfs) throws BackendException {
        String handle = spec.handle();
        long started = System.nanoTime();
        PhaseTimer timer = this.timer;
        Built built;
        try {
            built = build(handle, rootfs.dir(), spec.limits(), diskBytes(spec.limits()), timer);
        } catch (IOException | RuntimeException e) {
            throw new BackendException("cannot create container " + handle + ": " + e.getMessage(), e);
        }
        List<PortForwarder> forwarders = new ArrayList<>();
        try {
            ContainerInfo info = adopt(spec, handle, built.bundle(), built.attachment(), rootfs, forwarders, timer,
                    System.nanoTime());
            LOG.fine(() -> "container " + handle + " created in " + millis(started) + " ms");
            return info;
        } catch (IOException | RuntimeException e) {
            closeForwarders(forwarders);
            teardown(handle, built.bundle(), built.attachment());
            throw new BackendException("cannot create container " + handle + ": " + e.getMessage(), e);
        }
    }

    /**
     * Serves the create with a warm container: its limits written into its cgroups, its hosts file and
     * host name made the handle's, the handle recorded in its bundle. Null when that fails: the warm
     * container is destroyed and the caller creates the container cold.
     */
    private ContainerInfo createWarm(ContainerSpec spec, Lower rootfs, Warm w) {
        String handle = spec.handle();
        PhaseTimer timer = this.timer;
        long started = System.nanoTime();
        List<PortForwarder> forwarders = new ArrayList<>();
        try {
            String cgroup = cgroupPath(w.id());
            cgroupLimits.apply(cgroup, spec.limits(), swapAccounting);
            w.bundle().writeHosts(hostname(handle), w.attachment().containerIp());
            // Sequential: the writes above take microseconds, so there is nothing to overlap nsenter with.
            UtsHostname.set(w.bundle().readInitPid(), cgroup, hostname(handle));
            w.bundle().writeHandle(handle);
            long t = timer.lap(handle, "create.warm", started);
            ContainerInfo info = adopt(spec, w.id(), w.bundle(), w.attachment(), rootfs, forwarders, timer, t);
            warmIds.remove(w.id()); // only now: list() must see it as the box's or the pool's throughout
            LOG.fine(() -> "container " + handle + " created in " + millis(started) + " ms from warm " + w.id());
            return info;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "container " + handle + ": warm container " + w.id() + " is unusable ("
                    + e.getMessage() + "); creating it cold", e);
            closeForwarders(forwarders);
            destroyWarm(w);
            return null;
        }
    }

    /** The port forwarders, the box and Garden's record of a container whose init runs. */
    private ContainerInfo adopt(ContainerSpec spec, String runcId, Bundle bundle,
                                ContainerNetwork.Attachment attachment, Lower rootfs, List<PortForwarder> forwarders,
                                PhaseTimer timer, long t) throws IOException {
        String handle = spec.handle();
        List<PortMapping> mapped = new ArrayList<>();
        for (int containerPort : spec.netIn()) {
            PortForwarder forwarder = forward(attachment.containerIp(), containerPort);
            forwarders.add(forwarder);
            mapped.add(new PortMapping(containerPort, forwarder.port()));
        }
        t = timer.lap(handle, "create.port-forwarders", t);
        ContainerInfo info = new ContainerInfo(handle, bundle.dir(), config.hostIp(), attachment.containerIp(), mapped);
        // Checked on the rootfs as shipped, its links resolved inside it (bin/sh is one in most stacks).
        boolean hasShell = Files.isRegularFile(RootfsLayer.resolveInside(rootfs.dir(), "/bin/sh"));
        boxes.put(handle, new Box(info, runcId, bundle, spec.env(), attachment, forwarders, hasShell, rootfs.image()));
        register(spec, info);
        timer.lap(handle, "create.bookkeeping", t);
        return info;
    }

    /**
     * Rootfs (its writable layer on a scratch disk of {@code diskBytes}, if not 0), network, bundle files
     * and the running init of runc container {@code id}; on failure nothing of it is left. The network is
     * set up beside the rootfs and then beside runc's start of the init (which only needs the namespace to
     * exist); it returns once all of it is done, so processes see their
     * network.
     */
    private Built build(String id, Path lower, ContainerLimits limits, long diskBytes, PhaseTimer timer)
            throws IOException {
        Bundle bundle = new Bundle(containers.resolve(id));
        PhaseTimer aside = timer.inParallel();
        long t = System.nanoTime();
        CompletableFuture<ContainerNetwork.Attachment> claimed;
        try {
            claimed = CompletableFuture.supplyAsync(() -> unchecked(() -> network.claim(id, aside)), setup);
        } catch (RejectedExecutionException e) {
            throw new IOException("the backend is closed", e);
        }
        ContainerNetwork.Attachment attachment = null;
        CompletableFuture<Void> addressed = null;
        try {
            Files.createDirectories(bundle.dir());
            Path layers = bundle.dir();
            if (diskBytes > 0) {
                layers = ScratchDisk.mount(bundle.dir(), diskBytes);
                t = timer.lap(id, "create.scratch-disk", t);
            }
            RootfsLayer.Kind kind = RootfsLayer.prepare(lower, bundle.dir(), layers);
            if (kind != RootfsLayer.Kind.OVERLAY) {
                LOG.fine(() -> "container " + id + ": " + kind + " rootfs");
            }
            t = timer.lap(id, "create.rootfs", t);
            attachment = await(claimed);
            t = timer.lap(id, "create.wait-for-veth", t);
            ContainerNetwork.Attachment claim = attachment;
            addressed = CompletableFuture.runAsync(() -> unchecked(() -> {
                network.address(id, claim, aside);
                return null;
            }), setup);
            bundle.writeNetwork(attachment);
            bundle.writeEtcFiles(hostname(id), attachment.containerIp());
            bundle.writeConfig(OciSpec.config(containerConfig(id, bundle, limits, attachment)));
            t = timer.lap(id, "create.bundle-files", t);
            runc.run(id, bundle);
            t = timer.lap(id, "create.runc-run", t);
            await(addressed);
            timer.lap(id, "create.wait-for-addresses", t);
            return new Built(bundle, attachment);
        } catch (IOException | RuntimeException e) {
            // Whatever the network work made must exist before teardown, or it would be left behind.
            if (attachment == null) {
                attachment = awaitQuietly(claimed);
            }
            if (addressed != null) {
                awaitQuietly(addressed);
            }
            teardown(id, bundle, attachment);
            throw e;
        }
    }

    /** A warm container for the pool: built under a neutral id, without cgroup limits, named after that id. */
    private Warm buildWarm(WarmKind kind) throws IOException {
        String id = WARM_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        warmIds.add(id);
        long started = System.nanoTime();
        try {
            Built built = build(id, kind.lower(), ContainerLimits.NONE, kind.diskBytes(), PhaseTimer.NONE);
            LOG.fine(() -> "warm container " + id + " made in " + millis(started) + " ms");
            return new Warm(id, built.bundle(), built.attachment());
        } catch (IOException | RuntimeException e) {
            warmIds.remove(id);
            throw e;
        }
    }

    private void destroyWarm(Warm w) {
        teardown(w.id(), w.bundle(), w.attachment());
        warmIds.remove(w.id());
    }

    /** Waits until the warm pool is full (after a create took from it); false when {@code timeout} passed first. */
    public boolean awaitWarmContainers(Duration timeout) throws InterruptedException {
        return warm.awaitFull(timeout);
    }

    /** Host work that may fail with an IOException, for the setup pool. */
    @FunctionalInterface
    private interface HostWork<T> {
        T run() throws IOException;
    }

    private static <T> T unchecked(HostWork<T> work) {
        try {
            return work.run();
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    /**
     * The result of setup work, its IOException rethrown as such. Not interruptible (join): what it
     * created must be known before a failed create tears down, and each host command has a timeout.
     */
    private static <T> T await(CompletableFuture<T> work) throws IOException {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private static <T> T awaitQuietly(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException | CancellationException e) {
            return null; // it failed and cleaned up after itself
        }
    }

    @Override
    public ContainerProcess run(String handle, ProcessSpec spec) throws BackendException {
        return run(handle, spec, ProcessOptions.DEFAULT);
    }

    /**
     * Runs the process as {@code spec.user()} of the container; {@code nofile} becomes the process's
     * RLIMIT_NOFILE (soft and hard, as guardian sets it) and {@code discardOutput} sends its output to
     * {@code /dev/null} instead of the container's logs.
     */
    @Override
    public ContainerProcess run(String handle, ProcessSpec spec, ProcessOptions options) throws BackendException {
        Box box = box(handle);
        if (spec.path() == null || spec.path().isBlank()) {
            throw new BackendException("no path to run in container " + handle);
        }
        return track(handle, spec, (id, number) -> start(box, id, number, spec, options));
    }

    private ContainerProcess start(Box box, String processId, long id, ProcessSpec spec, ProcessOptions options)
            throws BackendException {
        warm.enterBusy();
        try {
            return startBusy(box, processId, id, spec, options);
        } finally {
            warm.exitBusy();
        }
    }

    private ContainerProcess startBusy(Box box, String processId, long id, ProcessSpec spec, ProcessOptions options)
            throws BackendException {
        String handle = box.info().handle();
        Bundle bundle = box.bundle();
        Path pidFile = bundle.pidFile(id);
        Path processJson = null;
        PhaseTimer timer = this.timer;
        long t = System.nanoTime();
        try {
            // The image's User and WorkingDir are the defaults, as its config intends.
            String userName = spec.user() == null || spec.user().isBlank() ? box.image().user() : spec.user();
            ContainerUser user = ContainerUser.resolve(bundle.rootfs(), userName);
            String dir = spec.dir() == null || spec.dir().isBlank() ? box.image().workingDir() : spec.dir();
            String cwd = workingDir(user, dir);
            RootfsLayer.createDirs(bundle.rootfs(), cwd, user.uid(), user.gid());
            List<String> args = new ArrayList<>();
            if (box.hasShell()) {
                // See Runc#exec: the log files come as fds 3 and 4; move them to 1 and 2, then become the process.
                args.addAll(List.of("/bin/sh", "-c", "exec \"$0\" \"$@\" 1>&3 2>&4 3>&- 4>&-"));
            }
            args.add(spec.path());
            args.addAll(spec.args());
            processJson = bundle.writeProcess(id, OciSpec.process(new OciSpec.Process(args,
                    environment(box, user, spec), cwd, user.uid(), user.gid(), options.nofile())));
            ProcessOutput own = options.ownStreams() && !options.discardOutput()
                    ? ProcessOutput.create(bundle.processesDir(), id) : ProcessOutput.NONE;
            t = timer.lap(handle, "run.process-spec", t);
            Path stdout = options.discardOutput() ? DEV_NULL : own != ProcessOutput.NONE ? own.stdoutFile()
                    : bundle.stdout();
            Path stderr = options.discardOutput() ? DEV_NULL : own != ProcessOutput.NONE ? own.stderrFile()
                    : bundle.stderr();
            Runc.Started process = runc.exec(box.runcId(), handle, bundle, processJson, pidFile, box.hasShell(), stdout,
                    stderr);
            return new ContainerProcess(processId, process.pid(), process.exit(), own);
        } catch (IOException | IllegalArgumentException e) {
            throw new BackendException("failed to run " + spec.path() + " in container " + handle + ": "
                    + e.getMessage(), e);
        } finally {
            deleteQuietly(processJson);
            deleteQuietly(pidFile);
        }
    }

    /**
     * Signals one process started by {@link #run}: its pid is the host pid runc reported, which the agent
     * (root) may signal. Only a pid that is still in this container's cgroup is signalled, so a gone
     * process whose pid the host has reused is left alone. runc exec then exits with the process's status.
     */
    @Override
    public void signal(String handle, long pid, boolean kill) {
        Box box = handle == null ? null : boxes.get(handle);
        if (box == null) {
            return;
        }
        try {
            record(handle);
        } catch (BackendException e) {
            return;
        }
        try {
            if (!runc.pids(box.runcId()).contains(pid)) {
                return;
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list the processes of container " + handle, e);
            return;
        }
        ProcessHandle.of(pid).ifPresent(p -> {
            if (kill) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
        });
    }

    /**
     * Like guardian's Stop: every process but the init gets SIGTERM (or SIGKILL), and whatever is left
     * after the grace time SIGKILL. The init stays, so the container still exists until destroyed.
     */
    @Override
    public void stop(String handle, boolean kill) {
        stopped(handle);
        String id = runcId(handle);
        if (!signalAllButInit(id, kill) || kill) {
            return;
        }
        scheduler.schedule(() -> {
            if (signalAllButInit(id, true)) {
                LOG.info(() -> "container " + handle + ": SIGKILL to what was left after "
                        + config.stopGrace().toMillis() + " ms");
            }
        }, config.stopGrace().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Reads a file through the container's root filesystem (the overlay's merged view). A relative path is
     * relative to {@code /home/vcap}, where processes start by default; no path may leave the rootfs, and
     * symbolic links are resolved inside it, as the container sees them (see
     * {@link RootfsLayer#resolveInside}).
     */
    @Override
    public InputStream readFile(String handle, String path) throws BackendException {
        return readFile(handle, path, null);
    }

    /** As {@link #readFile(String, String)}, but a relative path is relative to {@code user}'s home. */
    @Override
    public InputStream readFile(String handle, String path, String user) throws BackendException {
        Path file = outPath(handle, path, user, true);
        try {
            // No link is left on the way; one made since is not followed.
            return PathTar.openRegularFile(file, path, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | SecurityException e) {
            throw new BackendException("cannot stream " + path + " out of container " + handle + ": " + e.getMessage(), e);
        }
    }

    /**
     * A tar of a file or directory of the rootfs, the path resolved as {@link #readFile} resolves it except
     * for its last component: a link named by the path is archived as the link, as guardian's tar does
     * (with a trailing {@code /} it is followed to the directory whose contents are wanted). Links below
     * it are archived as links, never followed from the host. guardian runs tar inside the container.
     */
    @Override
    public InputStream streamOut(String handle, String path, String user) throws BackendException {
        Path source = outPath(handle, path, user, path != null && path.endsWith("/"));
        try {
            return PathTar.open(source, path, config.workDir().resolve("scratch"));
        } catch (IOException | SecurityException e) {
            throw new BackendException("cannot stream " + path + " out of container " + handle + ": " + e.getMessage(), e);
        }
    }

    /** Physical memory, the work dir's file system, and one container per subnet of the pool. */
    @Override
    public Capacity capacity() {
        return HostCapacity.of(config.workDir(), maxContainers);
    }

    /**
     * The host path of {@code path} in the container's rootfs: relative to {@code user}'s home, or to
     * {@code /home/vcap} without a user; links resolved inside the rootfs, the last component only if
     * {@code followLast} (a name's own link then stays a link).
     */
    private Path outPath(String handle, String path, String user, boolean followLast) throws BackendException {
        Box box = box(handle);
        if (path == null || path.isBlank()) {
            throw new BackendException("no path to stream out of container " + handle);
        }
        try {
            String inContainer;
            if (user == null || user.isBlank()) {
                inContainer = path.startsWith("/") ? path : "/home/vcap/" + path;
            } else {
                inContainer = workingDir(ContainerUser.resolve(box.bundle().rootfs(), user), path);
            }
            Path rootfs = box.bundle().rootfs();
            Path given = Path.of(inContainer);
            String last = given.getFileName() == null ? "" : given.getFileName().toString();
            if (!followLast && given.getParent() != null && !last.equals(".") && !last.equals("..")) {
                return RootfsLayer.resolveInside(rootfs, given.getParent().toString()).resolve(last);
            }
            return RootfsLayer.resolveInside(rootfs, inContainer);
        } catch (IOException | IllegalArgumentException e) {
            throw new BackendException("cannot stream " + path + " out of container " + handle + ": " + e.getMessage(), e);
        }
    }

    /** Extracts as the container's root (Garden's default user); a relative path is relative to /root. */
    @Override
    public void streamIn(String handle, String path, InputStream tar) throws BackendException {
        streamIn(handle, path, null, tar);
    }

    /**
     * Extracts the tar into the directory {@code path} of the container's root filesystem, from the host:
     * the files, and the directories created on the way, belong to {@code user} (blank: root), and a
     * relative path is relative to the user's home, as in Garden. Links are resolved inside the rootfs
     * (see {@link RootfsLayer#resolveInside}) and no entry may leave the directory.
     */
    @Override
    public void streamIn(String handle, String path, String user, InputStream tar) throws BackendException {
        Box box = box(handle);
        Path root = box.bundle().rootfs();
        try {
            ContainerUser owner = ContainerUser.resolve(root, user);
            String inContainer = workingDir(owner, path);
            Path dir = RootfsLayer.resolveInside(root, inContainer);
            RootfsLayer.createDirs(root, "/" + root.relativize(dir), owner.uid(), owner.gid());
            TarExtractor.extract(tar, dir, owner.uid(), owner.gid());
        } catch (IOException | IllegalArgumentException e) {
            throw new BackendException("cannot stream into " + path + " of container " + handle + ": "
                    + e.getMessage(), e);
        }
    }

    private Box box(String handle) throws BackendException {
        record(handle);
        Box box = boxes.get(handle);
        if (box == null) {
            throw new BackendException("unknown container " + handle);
        }
        return box;
    }

    /**
     * Tears the container down (§2 of docs/07). A handle this agent does not know is a leftover of an
     * earlier one: its runc id is the handle, or the warm container whose bundle records the handle. The
     * pool's own warm containers are no handles and are left alone.
     */
    @Override
    public void destroy(String handle) {
        if (handle == null || !HANDLE.matcher(handle).matches() || warmIds.contains(handle)) {
            return;
        }
        long started = System.nanoTime();
        forget(handle);
        Box box = boxes.remove(handle);
        if (box != null) {
            closeForwarders(box.forwarders());
            teardown(box.runcId(), box.bundle(), box.attachment());
        } else {
            String id = leftoverId(handle);
            Bundle bundle = new Bundle(containers.resolve(id));
            teardown(id, bundle, bundle.readNetwork());
        }
        LOG.fine(() -> "container " + handle + " destroyed in " + millis(started) + " ms");
    }

    /** The runc id of a container this agent has no box for: its handle, or a warm container's taken for it. */
    private String leftoverId(String handle) {
        if (Files.exists(containers.resolve(handle)) || runc.exists(handle)) {
            return handle;
        }
        for (String id : idsOnDisk()) {
            if (!warmIds.contains(id) && handle.equals(new Bundle(containers.resolve(id)).readHandle())) {
                return id;
            }
        }
        return handle;
    }

    /** The runc id of a container, by handle (tests read its cgroups by it). */
    String runcId(String handle) {
        Box box = handle == null ? null : boxes.get(handle);
        return box != null ? box.runcId() : handle;
    }

    /**
     * Memory and CPU from the container's cgroups; disk as the size of its bundle without the mounted
     * rootfs (so: what its processes wrote into the overlay's upper layer, on the scratch disk or not, plus
     * its logs), without the overlay's work dir and the scratch disk's image. With a copied rootfs (no
     * overlay) the copy counts.
     */
    @Override
    public ContainerUsage usage(String handle) {
        Box box = boxes.get(handle);
        if (box == null) {
            return null;
        }
        Path rootfs = box.bundle().rootfs();
        Path dir = box.bundle().dir();
        Path work = dir.resolve("work");
        long disk = DirectorySize.of(dir, d -> d.equals(work) || ScratchDisk.isImage(dir, d)
                || ScratchDisk.isWorkDir(dir, d) || (d.equals(rootfs) && mounted(rootfs)));
        try {
            long[] memoryAndCpu = cgroups.read(cgroupPath(box.runcId()));
            return new ContainerUsage(memoryAndCpu[0], memoryAndCpu[1], disk);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "container " + handle + ": cannot read its cgroups", e);
            return new ContainerUsage(0, 0, disk);
        }
    }

    /**
     * "out of memory" once the kernel's OOM killer has killed a process of the container (its memory
     * cgroup's kill counter, see {@link CgroupUsage#oomKills}); guardian reports the same from runc's OOM
     * notifications. Like Garden's, the event stays for the container's life. Unreadable cgroups: none.
     */
    @Override
    protected List<String> events(String handle) {
        Box box = boxes.get(handle);
        if (box == null) {
            return List.of();
        }
        try {
            return cgroups.oomKills(cgroupPath(box.runcId())) > 0 ? List.of(ContainerDetails.OUT_OF_MEMORY) : List.of();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "container " + handle + ": cannot read its OOM kills", e);
            return List.of();
        }
    }

    /** Where runc put the cgroups of container {@code runcId}, under each controller. */
    private String cgroupPath(String runcId) {
        return config.cgroupParent() + "/" + runcId;
    }


    private static boolean mounted(Path dir) {
        try {
            return RootfsLayer.isMounted(dir);
        } catch (IOException e) {
            return true; // when in doubt, do not walk a whole rootfs
        }
    }

    /**
     * This agent's containers and the leftovers of an earlier one: runc's state and the bundle directories,
     * a warm container taken for a handle listed under that handle (from its bundle), the pool's own warm
     * containers not at all. An earlier agent's untaken warm containers are leftovers like any other.
     */
    @Override
    public List<String> list() {
        // warmIds before boxes: a warm container being taken leaves warmIds only once its box is in.
        Set<String> owned = new HashSet<>(warmIds);
        TreeSet<String> handles = new TreeSet<>();
        boxes.forEach((handle, box) -> {
            handles.add(handle);
            owned.add(box.runcId());
        });
        for (String id : idsOnDisk()) {
            if (!owned.contains(id)) {
                String handle = new Bundle(containers.resolve(id)).readHandle();
                handles.add(handle != null && HANDLE.matcher(handle).matches() ? handle : id);
            }
        }
        return List.copyOf(handles);
    }

    /** runc ids in runc's state and bundle directories. */
    private Set<String> idsOnDisk() {
        Set<String> ids = new TreeSet<>();
        try {
            ids.addAll(runc.list());
            if (Files.isDirectory(containers)) {
                try (DirectoryStream<Path> dirs = Files.newDirectoryStream(containers, Files::isDirectory)) {
                    dirs.forEach(d -> ids.add(d.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list containers in " + config.workDir(), e);
        }
        return ids;
    }

    /**
     * Destroys the warm containers not taken (waiting for one being built) and stops the port forwarders'
     * threads; the containers given out stay, as after the agent's shutdown.
     */
    public void close() {
        warm.close();
        boxes.values().forEach(b -> closeForwarders(b.forwarders()));
        relays.shutdownNow();
        setup.shutdown(); // a create in flight finishes its network work
        runc.close();
    }

    /**
     * A preloaded stack's directory, or an image's unpacked rootfs (unpacked now on its first use, which
     * makes that create as slow as the unpacking).
     */
    private Lower lower(String rootfs) throws BackendException {
        if (rootfs == null || rootfs.isBlank()) {
            throw new BackendException("the runc backend needs a rootfs");
        }
        if (ImageRef.isImage(rootfs)) {
            try {
                ResolvedImage image = images.resolve(rootfs);
                return new Lower(image.rootfs(), image.config());
            } catch (IOException | RuntimeException e) {
                throw new BackendException("rootfs " + rootfs + ": " + e.getMessage(), e);
            }
        }
        return new Lower(rootfsDir(rootfs), ImageConfig.EMPTY);
    }

    private Path rootfsDir(String rootfs) throws BackendException {
        String name = rootfs.startsWith("preloaded:") ? rootfs.substring("preloaded:".length()) : rootfs;
        Path dir = config.rootfsDirs().get(name);
        if (dir == null) {
            throw new BackendException("rootfs " + rootfs + " is not available on this cell (preloaded stacks: "
                    + new TreeSet<>(config.rootfsDirs().keySet()) + ")");
        }
        return dir;
    }

    private OciSpec.Container containerConfig(String handle, Bundle bundle, ContainerLimits limits,
                                              ContainerNetwork.Attachment attachment) {
        List<OciSpec.BindMount> mounts = List.of(
                new OciSpec.BindMount(config.init().toString(), INIT_PATH),
                new OciSpec.BindMount(bundle.hosts().toString(), "/etc/hosts"),
                new OciSpec.BindMount(bundle.resolvConf().toString(), "/etc/resolv.conf"));
        return new OciSpec.Container(hostname(handle), "rootfs", List.of(INIT_PATH, "-P"),
                List.of("PATH=" + ROOT_PATH), limits, attachment.netnsPath(),
                "/" + cgroupPath(handle), mounts, swapAccounting);
    }

    /** Linux host names have at most 64 characters; Garden uses the handle. */
    private static String hostname(String handle) {
        return handle.length() > 63 ? handle.substring(0, 63) : handle;
    }

    /**
     * Garden's defaults: PATH by user, HOME and USER from passwd; then the image's Env (its PATH wins), the
     * container's env, the process's.
     */
    private static List<String> environment(Box box, ContainerUser user, ProcessSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", user.uid() == 0 ? ROOT_PATH : USER_PATH);
        env.put("HOME", user.home());
        env.put("USER", user.name());
        for (String entry : box.image().env()) {
            int eq = entry.indexOf('=');
            env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        box.env().forEach(v -> env.put(v.name(), v.value() == null ? "" : v.value()));
        spec.env().forEach(v -> env.put(v.name(), v.value() == null ? "" : v.value()));
        List<PortMapping> mapped = box.info().mappedPorts();
        if (!env.containsKey("PORT") && !mapped.isEmpty()) {
            // Inside its own network namespace the app listens on the container port.
            env.put("PORT", Integer.toString(mapped.get(0).containerPort()));
        }
        List<String> entries = new ArrayList<>();
        env.forEach((k, v) -> entries.add(k + "=" + v));
        return entries;
    }

    /** As Garden: no dir means the user's home, a relative one is relative to it. */
    static String workingDir(ContainerUser user, String dir) {
        String base = user.home().isEmpty() ? "/" : user.home();
        if (dir == null || dir.isBlank()) {
            return base;
        }
        Path resolved = dir.startsWith("/") ? Path.of(dir) : Path.of(base).resolve(dir);
        String normalized = resolved.normalize().toString();
        if (!normalized.startsWith("/") || normalized.startsWith("/..")) {
            throw new IllegalArgumentException("dir " + dir + " is not a path in the container");
        }
        return normalized;
    }

    private boolean signalAllButInit(String handle, boolean kill) {
        try {
            return runc.signalAllButInit(handle, kill);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot signal the processes of container " + handle, e);
            return false;
        }
    }

    /** A forwarder on a fresh host port; retried when another listener took the port meanwhile. */
    private PortForwarder forward(String containerIp, int containerPort) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            int hostPort = ports.allocate();
            try {
                return PortForwarder.start(hostPort, new InetSocketAddress(containerIp, containerPort), relays);
            } catch (BindException e) {
                ports.release(hostPort);
                last = e;
            }
        }
        throw new IOException("no host port for container port " + containerPort, last);
    }

    private void closeForwarders(List<PortForwarder> forwarders) {
        for (PortForwarder f : forwarders) {
            f.close();
            ports.release(f.port());
        }
    }

    /** Kills and deletes runc container {@code id}, unmounts its rootfs, removes its network and bundle. */
    private void teardown(String id, Bundle bundle, ContainerNetwork.Attachment attachment) {
        try {
            runc.delete(id);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "container " + id + ": runc delete failed", e);
        }
        try {
            RootfsLayer.release(bundle.dir());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "container " + id + ": cannot unmount its rootfs", e);
        }
        if (attachment != null) {
            network.detach(attachment);
        } else {
            network.detach(id);
        }
        bundle.delete();
    }

    /** Whether the memory+swap limit can be set: cgroup v1 needs memsw accounting, v2 always has it. */
    private static boolean kernelAccountsSwap() {
        Path v1 = Path.of("/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes");
        Path v2 = Path.of("/sys/fs/cgroup/cgroup.controllers");
        return Files.exists(v1) || Files.exists(v2);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover in the bundle goes with it
        }
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
