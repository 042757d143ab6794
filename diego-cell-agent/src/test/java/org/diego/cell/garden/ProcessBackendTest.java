package org.diego.cell.garden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.diego.core.model.EnvironmentVariable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the process backend does (the shared behaviour is in {@link ProcessBackendContractTest}):
 * relative executables, PORT as the host port, orphans found by their marker, host paths, capacity.
 */
class ProcessBackendTest {
    @TempDir
    Path root;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final HostPortAllocator ports = new HostPortAllocator();
    /** Per test: the backend finds a container's processes host-wide by handle, other JVMs' included. */
    private final String c1 = "c1-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void cleanUp() {
        ProcessBackend backend = backend(Duration.ofMillis(100));
        backend.list().forEach(backend::destroy);
        timers.shutdownNow();
    }

    @Test
    void runsInARelativeDirWithLogsAndTheContainersEnvironment() throws Exception {
        ProcessBackend backend = backend(Duration.ofSeconds(10));
        ContainerInfo info = backend.create(new ContainerSpec(c1, "preloaded:busybox",
                List.of(env("A", "container"), env("B", "container")), List.of(8080)));
        // The relative path is resolved against the process dir, which is created inside the container.
        assertThrows(BackendException.class, () -> backend.run(c1, new ProcessSpec("./hello.sh", List.of("x"),
                "app/bin", List.of())));
        Path bin = info.path().resolve("app/bin");
        assertTrue(Files.isDirectory(bin), "relative dir created inside the container");

        Files.writeString(bin.resolve("hello.sh"),
                "#!/bin/sh\necho \"out $1 $A $B $PORT $HOME $(pwd)\"\necho err >&2\n");
        bin.resolve("hello.sh").toFile().setExecutable(true);
        ContainerProcess process = backend.run(c1, new ProcessSpec("./hello.sh", List.of("x"), "app/bin",
                List.of(env("B", "process"), env("PORT", "8080"))));

        assertEquals(0, process.exitStatus().get(5, TimeUnit.SECONDS));
        int hostPort = info.mappedPorts().get(0).hostPort();
        assertEquals(8080, info.mappedPorts().get(0).containerPort());
        assertEquals("out x container process " + hostPort + " " + info.path() + " " + bin + "\n",
                Files.readString(info.path().resolve(ProcessBackend.STDOUT_LOG)));
        assertTrue(Files.readString(info.path().resolve(ProcessBackend.STDERR_LOG)).endsWith("err\n"));
    }

    @Test
    void destroyKillsOrphansTheMainProcessLeftBehindAndFreesPorts() throws Exception {
        ProcessBackend backend = backend(Duration.ofSeconds(10));
        ContainerInfo info = backend.create(new ContainerSpec(c1, null, List.of(), List.of(8080, 8081)));
        assertEquals(2, ports.inUse());
        ContainerProcess process = backend.run(c1, new ProcessSpec("/bin/sh",
                List.of("-c", "sleep 300 & echo $! > orphan.pid"), null, List.of()));
        assertEquals(0, process.exitStatus().get(5, TimeUnit.SECONDS));
        ProcessHandle orphan = ProcessHandle.of(Long.parseLong(
                Files.readString(info.path().resolve("orphan.pid")).strip())).orElseThrow();
        assertTrue(orphan.isAlive());

        backend.destroy(c1);

        awaitTrue(() -> ProcessTree.exited(orphan), "the re-parented sleep is killed");
        assertFalse(Files.exists(info.path()));
        assertEquals(0, ports.inUse());
        assertTrue(backend.list().isEmpty());
    }

    /** Without a shell in between, a missing binary fails run itself (the contract allows exit 127 too). */
    @Test
    void refusesMissingBinariesAndDirsOutsideTheContainer() throws Exception {
        ProcessBackend backend = backend(Duration.ofSeconds(10));
        backend.create(new ContainerSpec(c1, null, List.of(), List.of()));

        assertThrows(BackendException.class,
                () -> backend.run(c1, new ProcessSpec("/no/such/binary", null, null, null)));
        assertThrows(BackendException.class,
                () -> backend.run(c1, new ProcessSpec("/bin/true", null, "../..", null)), "dir leaves the container");
    }

    @Test
    void streamsOutAFileInsideTheContainerOrAtAnAbsolutePath() throws Exception {
        ProcessBackend backend = backend(Duration.ofSeconds(10));
        ContainerInfo info = backend.create(new ContainerSpec(c1, null, List.of(), List.of()));
        Files.createDirectories(info.path().resolve("out"));
        Files.writeString(info.path().resolve("out/result.json"), "{\"ok\":true}");
        Path outside = Files.writeString(root.resolve("host-file"), "host");

        try (var in = backend.readFile(c1, "out/result.json")) {
            assertEquals("{\"ok\":true}", new String(in.readAllBytes()));
        }
        try (var in = backend.readFile(c1, outside.toString())) {
            assertEquals("host", new String(in.readAllBytes()), "no rootfs: an absolute path is the host's");
        }
        assertThrows(BackendException.class, () -> backend.readFile(c1, "../host-file"), "leaves the container");
        assertThrows(BackendException.class, () -> backend.streamOut(c1, "../host-file"), "leaves the container");
        assertThrows(BackendException.class, () -> backend.streamIn(c1, "../x",
                new ByteArrayInputStream(new byte[0])), "no rootfs: nothing outside the container to write to");
        assertThrows(BackendException.class, () -> backend.streamIn(c1, root.resolve("x").toString(),
                new ByteArrayInputStream(new byte[0])), "an absolute path outside the container either");
    }

    @Test
    void capacityIsTheHostsMemoryAndDiskAndANominalContainerCount() {
        Capacity capacity = backend(Duration.ofSeconds(10)).capacity();
        assertTrue(capacity.memoryBytes() > 0);
        assertTrue(capacity.diskBytes() > 0);
        assertEquals(ProcessBackend.MAX_CONTAINERS, capacity.maxContainers());
    }

    private ProcessBackend backend(Duration grace) {
        return new ProcessBackend(root, "127.0.0.1", ports, timers, grace);
    }

    private static EnvironmentVariable env(String name, String value) {
        return new EnvironmentVariable(name, value);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        // Generous: under a loaded CI machine a kill and its reaping can take seconds.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}
