package org.diego.cell.garden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.diego.core.model.EnvironmentVariable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessBackendTest {
    @TempDir
    Path root;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final HostPortAllocator ports = new HostPortAllocator();

    @AfterEach
    void cleanUp() {
        ProcessBackend backend = backend(Duration.ofMillis(100));
        backend.list().forEach(backend::destroy);
        timers.shutdownNow();
    }

    @Test
    void runsInARelativeDirWithLogsAndTheContainersEnvironment() throws Exception {
        ProcessBackend backend = backend(Duration.ofSeconds(10));
        ContainerInfo info = backend.create(new ContainerSpec("c1", "preloaded:busybox",
                List.of(env("A", "container"), env("B", "container")), List.of(8080)));
        // The relative path is resolved against the process dir, which is created inside the container.
        assertThrows(BackendException.class, () -> backend.run("c1", new ProcessSpec("./hello.sh", List.of("x"),
                "app/bin", List.of())));
        Path bin = info.path().resolve("app/bin");
        assertTrue(Files.isDirectory(bin), "relative dir created inside the container");

        Files.writeString(bin.resolve("hello.sh"),
                "#!/bin/sh\necho \"out $1 $A $B $PORT $HOME $(pwd)\"\necho err >&2\n");
        bin.resolve("hello.sh").toFile().setExecutable(true);
        ContainerProcess process = backend.run("c1", new ProcessSpec("./hello.sh", List.of("x"), "app/bin",
                List.of(env("B", "process"), env("PORT", "8080"))));

        assertEquals(0, process.exitStatus().get(5, TimeUnit.SECONDS));
        int hostPort = info.mappedPorts().get(0).hostPort();
        assertEquals(8080, info.mappedPorts().get(0).containerPort());
        assertEquals("out x container process " + hostPort + " " + info.path() + " " + bin + "\n",
                Files.readString(info.path().resolve(ProcessBackend.STDOUT_LOG)));
        assertTrue(Files.readString(info.path().resolve(ProcessBackend.STDERR_LOG)).endsWith("err\n"));
    }

    @Test
    void gracefulStopEscalatesToKillAfterTheGraceTime() throws Exception {
        ProcessBackend backend = backend(Duration.ofMillis(300));
        backend.create(new ContainerSpec("c1", null, List.of(), List.of()));
        ContainerProcess process = backend.run("c1", new ProcessSpec("/bin/sh",
                List.of("-c", "trap '' TERM; while true; do sleep 0.05; done"), null, List.of()));
        Thread.sleep(100); // let the shell install its trap

        backend.stop("c1", false);

        assertEquals(137, process.exitStatus().get(5, TimeUnit.SECONDS), "SIGKILL after ignoring SIGTERM");
    }

    @Test
    void destroyKillsOrphansTheMainProcessLeftBehindAndFreesPorts() throws Exception {
        ProcessBackend backend = backend(Duration.ofSeconds(10));
        ContainerInfo info = backend.create(new ContainerSpec("c1", null, List.of(), List.of(8080, 8081)));
        assertEquals(2, ports.inUse());
        ContainerProcess process = backend.run("c1", new ProcessSpec("/bin/sh",
                List.of("-c", "sleep 300 & echo $! > orphan.pid"), null, List.of()));
        assertEquals(0, process.exitStatus().get(5, TimeUnit.SECONDS));
        ProcessHandle orphan = ProcessHandle.of(Long.parseLong(
                Files.readString(info.path().resolve("orphan.pid")).strip())).orElseThrow();
        assertTrue(orphan.isAlive());

        backend.destroy("c1");

        awaitTrue(() -> ProcessTree.exited(orphan), "the re-parented sleep is killed");
        assertFalse(Files.exists(info.path()));
        assertEquals(0, ports.inUse());
        assertTrue(backend.list().isEmpty());
    }

    @Test
    void aNewBackendSeesAndReapsContainersOfAnEarlierOne() throws Exception {
        ProcessBackend first = backend(Duration.ofSeconds(10));
        // A handle of this run only: a same-named container of another JVM on the host would be reaped too.
        String old = "old-" + ProcessHandle.current().pid();
        first.create(new ContainerSpec(old, null, List.of(), List.of()));
        ContainerProcess process = first.run(old, new ProcessSpec("/bin/sh", List.of("-c", "exec sleep 300"), null,
                List.of()));
        ProcessHandle sleeper = ProcessHandle.of(process.pid()).orElseThrow();

        ProcessBackend second = backend(Duration.ofSeconds(10));
        assertEquals(List.of(old), second.list());
        second.destroy(old);

        awaitTrue(() -> ProcessTree.exited(sleeper), "the earlier agent's process is killed");
        assertTrue(second.list().isEmpty());
    }

    @Test
    void refusesBadHandlesDuplicatesAndUnknownContainers() throws Exception {
        ProcessBackend backend = backend(Duration.ofSeconds(10));
        backend.create(new ContainerSpec("c1", null, List.of(), List.of()));

        assertThrows(BackendException.class, () -> backend.create(new ContainerSpec("c1", null, null, null)));
        assertThrows(BackendException.class, () -> backend.create(new ContainerSpec("../escape", null, null, null)));
        assertThrows(BackendException.class, () -> backend.run("nope", new ProcessSpec("/bin/true", null, null, null)));
        assertThrows(BackendException.class,
                () -> backend.run("c1", new ProcessSpec("/no/such/binary", null, null, null)));
        assertThrows(BackendException.class,
                () -> backend.run("c1", new ProcessSpec("/bin/true", null, "../..", null)), "dir leaves the container");
        backend.destroy("never-existed");
        backend.stop("never-existed", false);
    }

    @Test
    void streamsOutAFileInsideTheContainerOrAtAnAbsolutePath() throws Exception {
        ProcessBackend backend = backend(Duration.ofSeconds(10));
        ContainerInfo info = backend.create(new ContainerSpec("c1", null, List.of(), List.of()));
        Files.createDirectories(info.path().resolve("out"));
        Files.writeString(info.path().resolve("out/result.json"), "{\"ok\":true}");
        Path outside = Files.writeString(root.resolve("host-file"), "host");

        try (var in = backend.readFile("c1", "out/result.json")) {
            assertEquals("{\"ok\":true}", new String(in.readAllBytes()));
        }
        try (var in = backend.readFile("c1", outside.toString())) {
            assertEquals("host", new String(in.readAllBytes()), "no rootfs: an absolute path is the host's");
        }
        assertThrows(BackendException.class, () -> backend.readFile("c1", "missing.txt"));
        assertThrows(BackendException.class, () -> backend.readFile("c1", "../host-file"), "leaves the container");
        assertThrows(BackendException.class, () -> backend.readFile("c1", ""));
        assertThrows(BackendException.class, () -> backend.readFile("nope", "out/result.json"));
        backend.destroy("c1");
        assertThrows(BackendException.class, () -> backend.readFile("c1", "out/result.json"));
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
