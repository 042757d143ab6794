package org.diego.cell.garden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.diego.cell.archive.TarWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Garden API beyond create/run/destroy, on the process backend (the runc backend shares the logic). */
class ProcessBackendGardenApiTest {
    @TempDir
    Path root;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final ManualClock clock = new ManualClock();
    private ProcessBackend backend;

    @AfterEach
    void cleanUp() {
        if (backend != null) {
            backend.list().forEach(backend::destroy);
        }
        timers.shutdownNow();
    }

    @Test
    void propertiesAreSetReadRemovedAndFilterTheList() throws Exception {
        backend = backend();
        backend.create(spec("a", Map.of("app", "x", "kind", "lrp"), null));
        backend.create(spec("b", Map.of("app", "y", "kind", "lrp"), null));
        backend.create(spec("c", Map.of(), null));

        assertEquals(List.of("a", "b"), backend.list(Map.of("kind", "lrp")));
        assertEquals(List.of("a"), backend.list(Map.of("kind", "lrp", "app", "x")));
        assertEquals(List.of("a", "b", "c"), backend.list(Map.of()));
        assertEquals(List.of(), backend.list(Map.of("app", "z")));

        backend.setProperty("c", "kind", "task");
        assertEquals("task", backend.property("c", "kind"));
        assertEquals(List.of("c"), backend.list(Map.of("kind", "task")));
        backend.removeProperty("a", "app");
        backend.removeProperty("a", "never-set");
        assertEquals(Map.of("kind", "lrp"), backend.properties("a"));
        assertThrows(BackendException.class, () -> backend.property("a", "app"), "a missing property is an error");
        assertThrows(BackendException.class, () -> backend.properties("nope"));
        assertThrows(IllegalArgumentException.class, () -> backend.setProperty("a", "", "v"));
        assertEquals(Map.of("kind", "lrp"), backend.properties("a"), "bad input changes nothing");
    }

    @Test
    void infoAndBulkInfoAndMetricsReportEachHandleOrItsError() throws Exception {
        backend = backend();
        ContainerInfo created = backend.create(spec("a", Map.of("p", "1"), null));
        ContainerProcess sleeper = backend.run("a", new ProcessSpec("/bin/sh", List.of("-c", "exec sleep 30"), null,
                List.of(), null, "sleeper"));

        ContainerDetails info = backend.info("a");
        assertEquals(created, info.info());
        assertEquals("active", info.state());
        assertEquals(List.of("sleeper"), info.processIds());
        assertEquals(Map.of("p", "1"), info.properties());
        assertNull(info.graceTime());
        assertEquals(List.of(), info.events(), "no cgroups, so no out of memory event");

        var bulk = backend.bulkInfo(List.of("a", "missing"));
        assertTrue(bulk.get("a").ok());
        assertFalse(bulk.get("missing").ok());
        assertTrue(bulk.get("missing").error().contains("missing"));

        var metrics = backend.bulkMetrics(List.of("a", "missing"));
        assertTrue(metrics.get("a").value().memoryBytes() > 0, "the sleeper's memory");
        assertFalse(metrics.get("missing").ok());

        backend.stop("a", true);
        assertEquals(137, sleeper.exitStatus().get(10, TimeUnit.SECONDS));
        assertEquals("stopped", backend.info("a").state());
        assertEquals(List.of(), backend.info("a").processIds());
        assertThrows(BackendException.class, () -> backend.info("missing"));
    }

    @Test
    void attachFindsAProcessByIdWithItsOwnOutputAndExitStatus() throws Exception {
        backend = backend();
        ContainerInfo info = backend.create(spec("a", Map.of(), null));
        Path fifo = info.path().resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        ContainerProcess started = backend.run("a", new ProcessSpec("/bin/sh",
                List.of("-c", "echo one; echo oops >&2; read line < fifo; echo two; exit 3"), null, List.of(), null,
                "job"), ProcessOptions.OWN_STREAMS);
        assertThrows(BackendException.class, () -> backend.run("a", new ProcessSpec("/bin/true", null, null, null,
                null, "job")), "a running process's id is taken");

        ContainerProcess attached = backend.attach("a", "job");
        assertEquals("job", attached.id());
        assertEquals(started.pid(), attached.pid());
        Files.writeString(fifo, "go\n");

        assertEquals(3, attached.exitStatus().get(10, TimeUnit.SECONDS));
        assertEquals("one\ntwo\n", new String(attached.stdout().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals("oops\n", new String(attached.stderr().readAllBytes(), StandardCharsets.UTF_8));
        assertFalse(Files.exists(info.path().resolve(ProcessBackend.STDOUT_LOG)),
                "own streams keep the output out of the container's logs");
        assertThrows(BackendException.class, () -> backend.attach("a", "no-such-process"));

        ContainerProcess again = backend.run("a", new ProcessSpec("/bin/true", null, null, null, null, "job"));
        assertEquals(0, again.exitStatus().get(10, TimeUnit.SECONDS), "an exited process's id can be reused");
        ContainerProcess generated = backend.run("a", new ProcessSpec("/bin/true", null, null, null));
        assertEquals(generated.pid(), backend.attach("a", generated.id()).pid(), "a generated id");
    }

    @Test
    void attachIsReadyBeforeTheOutputIsWritten() throws Exception {
        backend = backend();
        backend.create(spec("a", Map.of(), null));
        backend.run("a", new ProcessSpec("/bin/sh", List.of("-c", "sleep 0.2; echo late"), null, List.of(), null,
                "slow"), ProcessOptions.OWN_STREAMS);

        // Read while it still runs: the stream follows the output until the process exits.
        assertEquals("late\n", new String(backend.attach("a", "slow").stdout().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void streamsATarOfAFileADirectoryOrADirectorysContentsAndExtractsOne() throws Exception {
        backend = backend();
        ContainerInfo info = backend.create(spec("a", Map.of(), null));
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarWriter writer = new TarWriter(tar)) {
            writer.directory("sub", 0755, 0);
            writer.file("sub/f.txt", 0644, 2, 0, new ByteArrayInputStream("hi".getBytes(StandardCharsets.UTF_8)));
            writer.symlink("sub/link", "f.txt", 0);
        }
        backend.streamIn("a", "app", new ByteArrayInputStream(tar.toByteArray()));
        assertEquals("hi", Files.readString(info.path().resolve("app/sub/f.txt")));

        assertEquals(Map.of("f.txt", "hi"), TarEntries.read(backend.streamOut("a", "app/sub/f.txt")));
        assertEquals(Map.of("app/", "", "app/sub/", "", "app/sub/f.txt", "hi", "app/sub/link", "-> f.txt"),
                TarEntries.read(backend.streamOut("a", "app")));
        assertEquals(Map.of("./", "", "./f.txt", "hi", "./link", "-> f.txt"),
                TarEntries.read(backend.streamOut("a", "app/sub/")));
        try (var in = backend.readFile("a", "app/sub/f.txt")) {
            assertEquals("hi", new String(in.readAllBytes(), StandardCharsets.UTF_8), "the executor's single file");
        }
        assertThrows(BackendException.class, () -> backend.streamOut("a", "app/missing"));
        assertThrows(BackendException.class, () -> backend.streamOut("a", "../x"));
        assertThrows(BackendException.class, () -> backend.streamIn("a", "../x", new ByteArrayInputStream(new byte[0])));
        assertEquals(List.of("a"), backend.list(), "no spool file or agent dir counts as a container");
    }

    @Test
    void capacityIsTheHostsMemoryAndDisk() {
        backend = backend();
        Capacity capacity = backend.capacity();
        assertTrue(capacity.memoryBytes() > 0);
        assertTrue(capacity.diskBytes() > 0);
        assertEquals(ProcessBackend.MAX_CONTAINERS, capacity.maxContainers());
    }

    private ProcessBackend backend() {
        return new ProcessBackend(root.resolve("containers"), "127.0.0.1", new HostPortAllocator(), timers,
                Duration.ofSeconds(5), clock);
    }

    private static ContainerSpec spec(String handle, Map<String, String> properties, Duration grace) {
        return new ContainerSpec(handle, null, List.of(), List.of(), ContainerLimits.NONE, properties, grace);
    }
}
