package org.diego.cell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import org.diego.cell.admin.DrainCommand;
import org.diego.cell.executor.Resources;
import org.diego.cell.garden.ContainerBackend;
import org.diego.cell.garden.HostPortAllocator;
import org.diego.cell.garden.RuncBackend;
import org.diego.cell.garden.RuncBackendConfig;
import org.diego.cell.garden.runc.SubnetPool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Command line of the cell agent: {@code java -cp ... org.diego.cell.CellAgentMain --cell-id cell-1 ...}. */
@Command(name = "diego-cell-agent", mixinStandardHelpOptions = true,
        description = "A Diego cell: rep, executor and a Garden backend (process or runc) on the cluster's broker.",
        footer = "%nTo evacuate a running agent and wait for it to exit: diego-cell-agent drain --work-dir DIR "
                + "(see drain --help). SIGTERM evacuates too before the agent exits.")
public final class CellAgentMain implements Callable<Integer> {
    @Option(names = "--cell-id", required = true, description = "This cell's id; it consumes queue diego.cell.<id>.")
    String cellId;
    @Option(names = "--zone", defaultValue = "z1", description = "Availability zone (default: ${DEFAULT-VALUE}).")
    String zone;
    @Option(names = "--broker", defaultValue = "mq://127.0.0.1:27676",
            description = "OpenMQ address list (default: ${DEFAULT-VALUE}).")
    String broker;
    @Option(names = "--broker-user", defaultValue = "guest", description = "Broker user (default: ${DEFAULT-VALUE}).")
    String brokerUser;
    @Option(names = "--broker-password", defaultValue = "guest", description = "Broker password (default: guest).")
    String brokerPassword;
    @Option(names = "--work-dir", required = true, description = "Containers live in <work-dir>/containers.")
    Path workDir;
    @Option(names = "--memory-mb", defaultValue = "4096",
            description = "Total memory offered (default: ${DEFAULT-VALUE}).")
    int memoryMb;
    @Option(names = "--disk-mb", defaultValue = "8192", description = "Total disk offered (default: ${DEFAULT-VALUE}).")
    int diskMb;
    @Option(names = "--containers", defaultValue = "64",
            description = "Maximum containers (default: ${DEFAULT-VALUE}).")
    int containers;
    @Option(names = "--heartbeat-interval-ms", defaultValue = "5000",
            description = "Presence heartbeat period (default: ${DEFAULT-VALUE}).")
    long heartbeatIntervalMs;
    @Option(names = "--placement-tags", split = ",", description = "Comma-separated placement tags (default: none).")
    List<String> placementTags = List.of();
    @Option(names = "--rootfs-providers", split = ",", defaultValue = "preloaded:cflinuxfs4:busybox,docker",
            description = "Comma-separated name[:property...] items (default: ${DEFAULT-VALUE}).")
    List<String> rootfsProviders;
    @Option(names = "--address", defaultValue = "127.0.0.1",
            description = "Address instances are reached at (default: ${DEFAULT-VALUE}).")
    String address;
    @Option(names = "--reply-timeout-ms", defaultValue = "10000",
            description = "Wait for a BBS lifecycle reply (default: ${DEFAULT-VALUE}).")
    long replyTimeoutMs;
    @Option(names = "--broker-connect-timeout-ms", defaultValue = "300000",
            description = "Exit with status 2 if the broker is still unreachable after this long at start; 0: retry "
                    + "forever (default: ${DEFAULT-VALUE}).")
    long brokerConnectTimeoutMs;
    @Option(names = "--stop-grace-ms", defaultValue = "10000",
            description = "SIGTERM to SIGKILL delay when stopping a container (default: ${DEFAULT-VALUE}).")
    long stopGraceMs;
    @Option(names = "--backend", defaultValue = "auto",
            description = "Container backend: process (no isolation), runc, or auto (runc if runc and the container "
                    + "init are installed, a --rootfs-dir exists and we are root, else process) (default: ${DEFAULT-VALUE}).")
    String backend;
    @Option(names = "--rootfs-dir", paramLabel = "STACK=DIR",
            description = "Rootfs directory of a preloaded stack, for runc; repeatable (default: cflinuxfs4 and "
                    + "busybox both /var/lib/diego/rootfs/busybox).")
    Map<String, Path> rootfsDirs;
    @Option(names = "--image", paramLabel = "REF=PATH",
            description = "An image runc containers may use as docker:///REF or oci:///REF: an OCI image layout "
                    + "directory or a docker save tarball; REF is name[:tag] (default tag latest); repeatable.")
    Map<String, Path> images;
    @Option(names = "--container-network", defaultValue = RuncBackendConfig.DEFAULT_NETWORK,
            description = "Pool of /30 container subnets, for runc (default: ${DEFAULT-VALUE}).")
    String containerNetwork;
    @Option(names = "--container-init", defaultValue = "/usr/bin/catatonit",
            description = "Static init binary run as each container's pid 1, for runc (default: ${DEFAULT-VALUE}).")
    Path containerInit;
    @Option(names = "--runc", defaultValue = "runc", description = "The runc binary (default: ${DEFAULT-VALUE}).")
    String runc;
    @Option(names = "--warm-containers", paramLabel = "N",
            defaultValue = "" + RuncBackendConfig.DEFAULT_WARM_CONTAINERS,
            description = "Ready containers runc keeps per preloaded rootfs directory, so a create takes one instead "
                    + "of building it (refilled in the background while the cell is quiet); 0 disables "
                    + "(default: ${DEFAULT-VALUE}).")
    int warmContainers;
    @Option(names = "--disk-limits", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Enforce each container's disk limit with a filesystem of that size for its writable layer "
                    + "(an ext4 image on a loop device), for runc; without loop devices or mkfs.ext4 the agent warns "
                    + "and enforces none; --no-disk-limits turns it off (default: ${DEFAULT-VALUE}).")
    boolean diskLimits;
    @Option(names = "--healthy-monitoring-interval-ms", defaultValue = "30000",
            description = "Liveness period of monitors, default interval of checks (default: ${DEFAULT-VALUE}).")
    long healthyMonitoringIntervalMs;
    @Option(names = "--unhealthy-monitoring-interval-ms", defaultValue = "2000",
            description = "Startup check polling period (default: ${DEFAULT-VALUE}).")
    long unhealthyMonitoringIntervalMs;
    @Option(names = "--download-cache-mb", defaultValue = "10240",
            description = "Download cache size under <work-dir>/cache; 0 disables it (default: ${DEFAULT-VALUE}).")
    long downloadCacheMb;
    @Option(names = "--reservation-ttl-ms", defaultValue = "60000",
            description = "A container reserved but not run within this long is deleted and its resources freed "
                    + "(Diego's reserved_expiration_time) (default: ${DEFAULT-VALUE}).")
    long reservationTtlMs;
    @Option(names = "--log-level", defaultValue = "INFO",
            description = "java.util.logging level (default: ${DEFAULT-VALUE}).")
    String logLevel;
    @Option(names = "--destroy-leftovers-and-exit",
            description = "Only destroy the containers an earlier agent on this work dir left (runc state, mounts, "
                    + "network, cgroups), then exit without joining the cluster; takes the agent's own options "
                    + "(./diego down runs it after stopping a cell).")
    boolean destroyLeftoversAndExit;
    @Mixin
    RepOptions rep = new RepOptions();
    @Mixin
    LogOptions logs = new LogOptions();

    public static void main(String[] args) {
        // Must precede any logging, see AgentLogManager.
        System.setProperty("java.util.logging.manager", AgentLogManager.class.getName());
        System.exit(execute(args));
    }

    /**
     * {@code drain} is dispatched by hand: as a picocli subcommand it would still demand the agent's own
     * required options.
     */
    static int execute(String... args) {
        if (args.length > 0 && args[0].equals("drain")) {
            return new CommandLine(new DrainCommand()).execute(Arrays.copyOfRange(args, 1, args.length));
        }
        return new CommandLine(new CellAgentMain()).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        AgentLogManager.configure(Level.parse(logLevel));
        if (destroyLeftoversAndExit) {
            return destroyLeftovers();
        }
        CellAgent agent = CellAgent.create(config(), rep.config(), executorOptions(), logs.config());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.drainAndStop();
            AgentLogManager.agentStopped();
        }, "agent-shutdown"));
        return agent.run();
    }

    /** Making the backend destroys what an earlier agent left (Backends#create); closing it ends the rest. */
    private int destroyLeftovers() {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try {
            ContainerBackend backend = Backends.create(config(), new HostPortAllocator(), timers);
            if (backend instanceof RuncBackend runc) {
                runc.close();
            }
            return 0;
        } finally {
            timers.shutdownNow();
            AgentLogManager.agentStopped();
        }
    }

    ExecutorOptions executorOptions() {
        if (healthyMonitoringIntervalMs <= 0 || unhealthyMonitoringIntervalMs <= 0 || downloadCacheMb < 0
                || reservationTtlMs <= 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "monitoring intervals and the reservation TTL must be positive and the download cache not "
                            + "negative");
        }
        return new ExecutorOptions(Duration.ofMillis(healthyMonitoringIntervalMs),
                Duration.ofMillis(unhealthyMonitoringIntervalMs), downloadCacheMb,
                Duration.ofMillis(reservationTtlMs));
    }

    CellAgentConfig config() {
        if (memoryMb < 0 || diskMb < 0 || containers < 0 || heartbeatIntervalMs <= 0 || replyTimeoutMs <= 0
                || stopGraceMs < 0 || brokerConnectTimeoutMs < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "capacities and timeouts must not be negative; intervals must be positive");
        }
        return new CellAgentConfig(cellId, zone, broker, brokerUser, brokerPassword, workDir.toAbsolutePath(),
                new Resources(memoryMb, diskMb, containers), Duration.ofMillis(heartbeatIntervalMs),
                placementTags.stream().map(String::strip).filter(t -> !t.isEmpty()).toList(),
                CellAgentConfig.parseRootfsProviders(rootfsProviders), address, Duration.ofMillis(replyTimeoutMs),
                Duration.ofMillis(brokerConnectTimeoutMs), Duration.ofMillis(stopGraceMs), backendOptions());
    }

    private BackendOptions backendOptions() {
        BackendOptions.Kind kind;
        try {
            kind = BackendOptions.Kind.valueOf(backend.strip().toUpperCase(Locale.ROOT));
            new SubnetPool(containerNetwork);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--backend must be process, runc or auto and --container-network a CIDR of /8 to /30: "
                            + e.getMessage());
        }
        if (warmContainers < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--warm-containers must not be negative: " + warmContainers);
        }
        Map<String, Path> dirs = rootfsDirs == null || rootfsDirs.isEmpty() ? BackendOptions.DEFAULT_ROOTFS_DIRS
                : rootfsDirs;
        return new BackendOptions(kind, dirs, containerNetwork, containerInit, runc,
                images == null ? Map.of() : images, warmContainers, diskLimits);
    }
}
