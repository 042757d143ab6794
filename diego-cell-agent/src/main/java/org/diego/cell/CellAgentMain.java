package org.diego.cell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import org.diego.cell.executor.Resources;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line of the cell agent: {@code java -cp ... org.diego.cell.CellAgentMain --cell-id cell-1 ...}. */
@Command(name = "diego-cell-agent", mixinStandardHelpOptions = true,
        description = "A Diego cell: rep, executor and a process-based Garden backend on the cluster's broker.")
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
    @Option(names = "--healthy-monitoring-interval-ms", defaultValue = "30000",
            description = "Liveness period of monitors, default interval of checks (default: ${DEFAULT-VALUE}).")
    long healthyMonitoringIntervalMs;
    @Option(names = "--unhealthy-monitoring-interval-ms", defaultValue = "2000",
            description = "Startup check polling period (default: ${DEFAULT-VALUE}).")
    long unhealthyMonitoringIntervalMs;
    @Option(names = "--download-cache-mb", defaultValue = "10240",
            description = "Download cache size under <work-dir>/cache; 0 disables it (default: ${DEFAULT-VALUE}).")
    long downloadCacheMb;
    @Option(names = "--log-level", defaultValue = "INFO",
            description = "java.util.logging level (default: ${DEFAULT-VALUE}).")
    String logLevel;

    public static void main(String[] args) {
        // Must precede any logging, see AgentLogManager.
        System.setProperty("java.util.logging.manager", AgentLogManager.class.getName());
        System.exit(new CommandLine(new CellAgentMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        AgentLogManager.configure(Level.parse(logLevel));
        CellAgent agent = CellAgent.create(config(), executorOptions());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.stop();
            AgentLogManager.agentStopped();
        }, "agent-shutdown"));
        return agent.run();
    }

    ExecutorOptions executorOptions() {
        if (healthyMonitoringIntervalMs <= 0 || unhealthyMonitoringIntervalMs <= 0 || downloadCacheMb < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "monitoring intervals must be positive and the download cache not negative");
        }
        return new ExecutorOptions(Duration.ofMillis(healthyMonitoringIntervalMs),
                Duration.ofMillis(unhealthyMonitoringIntervalMs), downloadCacheMb);
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
                Duration.ofMillis(brokerConnectTimeoutMs), Duration.ofMillis(stopGraceMs));
    }
}
