package org.diego.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.diego.cell.executor.Resources;
import org.diego.core.model.CellPresence;
import org.diego.core.model.CellPresence.RootfsProvider;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellAgentMainTest {
    private static CellAgentConfig parse(String... args) {
        CellAgentMain main = new CellAgentMain();
        new CommandLine(main).parseArgs(args);
        return main.config();
    }

    @Test
    void defaults() {
        CellAgentConfig config = parse("--cell-id", "cell-1", "--work-dir", "/tmp/cell-1");

        assertEquals("cell-1", config.cellId());
        assertEquals("z1", config.zone());
        assertEquals("mq://127.0.0.1:27676", config.brokerUrl());
        assertEquals("guest", config.brokerUser());
        assertEquals("guest", config.brokerPassword());
        assertEquals(Path.of("/tmp/cell-1"), config.workDir());
        assertEquals(new Resources(4096, 8192, 64), config.capacity());
        assertEquals(Duration.ofSeconds(5), config.heartbeatInterval());
        assertEquals(List.of(), config.placementTags());
        assertEquals(List.of(new RootfsProvider("preloaded", List.of("cflinuxfs4", "busybox")),
                new RootfsProvider("docker", List.of())), config.rootfsProviders());
        assertEquals("127.0.0.1", config.address());
        assertEquals(Duration.ofSeconds(10), config.replyTimeout());
        assertEquals(Duration.ofSeconds(10), config.stopGrace());
        assertEquals(BackendOptions.DEFAULT, config.backend(), "auto: runc where the host can run it");
    }

    @Test
    void backendOptions() {
        BackendOptions runc = parse("--cell-id", "c", "--work-dir", "/w", "--backend", "RUNC", "--rootfs-dir",
                "cflinuxfs4=/rootfs/cf4", "--rootfs-dir", "busybox=/rootfs/bb", "--container-network", "10.9.0.0/24",
                "--container-init", "/opt/init", "--runc", "/opt/runc").backend();
        assertEquals(new BackendOptions(BackendOptions.Kind.RUNC, Map.of("cflinuxfs4", Path.of("/rootfs/cf4"),
                "busybox", Path.of("/rootfs/bb")), "10.9.0.0/24", Path.of("/opt/init"), "/opt/runc"), runc);

        BackendOptions auto = parse("--cell-id", "c", "--work-dir", "/w", "--backend", "auto").backend();
        assertEquals(BackendOptions.Kind.AUTO, auto.kind());
        assertEquals(Map.of(), auto.images());
        assertEquals(Map.of("busybox:1.36", Path.of("/images/bb"), "app", Path.of("/images/app.tar")),
                parse("--cell-id", "c", "--work-dir", "/w", "--image", "busybox:1.36=/images/bb", "--image",
                        "app=/images/app.tar").backend().images());
        assertEquals(Map.of("cflinuxfs4", Path.of("/var/lib/diego/rootfs/busybox"),
                "busybox", Path.of("/var/lib/diego/rootfs/busybox")), auto.rootfsDirs());

        assertThrows(CommandLine.ParameterException.class,
                () -> parse("--cell-id", "c", "--work-dir", "/w", "--backend", "docker"));
        assertThrows(CommandLine.ParameterException.class,
                () -> parse("--cell-id", "c", "--work-dir", "/w", "--container-network", "10.0.0.0/31"));

        assertEquals(2, auto.warmContainers(), "two warm containers per rootfs directory by default");
        assertEquals(0, parse("--cell-id", "c", "--work-dir", "/w", "--warm-containers", "0").backend()
                .warmContainers());
        assertThrows(CommandLine.ParameterException.class,
                () -> parse("--cell-id", "c", "--work-dir", "/w", "--warm-containers", "-1"));

        assertTrue(auto.diskLimits(), "disk limits enforced by default");
        assertFalse(parse("--cell-id", "c", "--work-dir", "/w", "--no-disk-limits").backend().diskLimits());
    }

    @Test
    void everyOptionAndThePresenceItAnnounces() {
        CellAgentConfig config = parse("--cell-id", "cell-2", "--zone", "z2", "--broker", "mq://10.0.0.1:7676",
                "--broker-user", "u", "--broker-password", "p", "--work-dir", "/w", "--memory-mb", "1024",
                "--disk-mb", "2048", "--containers", "8", "--heartbeat-interval-ms", "1000",
                "--placement-tags", "gpu, ssd", "--rootfs-providers", "preloaded:cflinuxfs3,docker,oci",
                "--address", "10.0.0.2", "--reply-timeout-ms", "3000", "--stop-grace-ms", "500");

        CellPresence presence = config.presence();
        assertEquals("cell-2", presence.cellId());
        assertEquals("10.0.0.2", presence.repAddress());
        assertEquals("z2", presence.zone());
        assertEquals(new CellPresence.CellCapacity(1024, 2048, 8), presence.capacity());
        assertEquals(List.of("gpu", "ssd"), presence.placementTags());
        assertTrue(presence.supportsRootfs("preloaded:cflinuxfs3"));
        assertTrue(presence.supportsRootfs("docker:///busybox"));
        assertTrue(presence.supportsRootfs("oci://x"));
        assertEquals(Duration.ofSeconds(3), config.replyTimeout());
        assertEquals(Duration.ofMillis(500), config.stopGrace());
        assertEquals("mq://10.0.0.1:7676", config.brokerUrl());
    }

    /** No broker listens on port 1: the option must exit without trying to join the cluster. */
    @Test
    void destroyLeftoversAndExitMakesTheBackendAndReturnsWithoutABroker(@TempDir Path workDir) {
        int status = new CommandLine(new CellAgentMain()).execute("--cell-id", "c", "--work-dir", workDir.toString(),
                "--backend", "process", "--broker", "mq://127.0.0.1:1", "--broker-connect-timeout-ms", "600000",
                "--destroy-leftovers-and-exit");
        assertEquals(0, status);
    }

    @Test
    void requiresCellIdAndWorkDirAndRejectsNegativeCapacity() {
        assertThrows(CommandLine.MissingParameterException.class,
                () -> new CommandLine(new CellAgentMain()).parseArgs("--cell-id", "c"));
        assertThrows(CommandLine.ParameterException.class,
                () -> parse("--cell-id", "c", "--work-dir", "/w", "--memory-mb", "-1"));
        assertThrows(IllegalArgumentException.class,
                () -> CellAgentConfig.parseRootfsProviders(List.of(":stack")));
    }

    @Test
    void executorOptionsDefaultToDiegosAndCanBeSet() {
        CellAgentMain defaults = new CellAgentMain();
        new CommandLine(defaults).parseArgs("--cell-id", "c", "--work-dir", "/w");
        assertEquals(ExecutorOptions.DEFAULT, defaults.executorOptions());

        CellAgentMain tuned = new CellAgentMain();
        new CommandLine(tuned).parseArgs("--cell-id", "c", "--work-dir", "/w", "--healthy-monitoring-interval-ms",
                "5000", "--unhealthy-monitoring-interval-ms", "500", "--download-cache-mb", "0");
        assertEquals(new ExecutorOptions(Duration.ofSeconds(5), Duration.ofMillis(500), 0), tuned.executorOptions());
        assertEquals(Duration.ofMinutes(1), defaults.executorOptions().reservationTtl(), "Diego's 1 min");

        CellAgentMain ttl = new CellAgentMain();
        new CommandLine(ttl).parseArgs("--cell-id", "c", "--work-dir", "/w", "--reservation-ttl-ms", "5000");
        assertEquals(Duration.ofSeconds(5), ttl.executorOptions().reservationTtl());
        CellAgentMain noTtl = new CellAgentMain();
        new CommandLine(noTtl).parseArgs("--cell-id", "c", "--work-dir", "/w", "--reservation-ttl-ms", "0");
        assertThrows(CommandLine.ParameterException.class, noTtl::executorOptions);

        CellAgentMain bad = new CellAgentMain();
        new CommandLine(bad).parseArgs("--cell-id", "c", "--work-dir", "/w", "--unhealthy-monitoring-interval-ms", "0");
        assertThrows(CommandLine.ParameterException.class, bad::executorOptions);
    }

    @Test
    void theDocumentedConfigFileParses() {
        // Surefire runs in the module directory, where the example lives.
        CellAgentConfig config = parse("@" + Path.of("src/main/config/cell-agent.conf").toAbsolutePath());
        assertEquals("cell-1", config.cellId());
        assertEquals(Path.of("/var/vcap/data/cell-1"), config.workDir());
        assertEquals(BackendOptions.Kind.AUTO, config.backend().kind());
        assertEquals(Map.of("cflinuxfs4", Path.of("/var/lib/diego/rootfs/busybox"),
                "busybox", Path.of("/var/lib/diego/rootfs/busybox")), config.backend().rootfsDirs());
    }
}
