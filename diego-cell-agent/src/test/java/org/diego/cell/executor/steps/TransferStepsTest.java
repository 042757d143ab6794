package org.diego.cell.executor.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.diego.cell.archive.SampleArchives;
import org.diego.cell.executor.transfer.FileServer;
import org.diego.cell.garden.ContainerInfo;
import org.diego.cell.garden.ContainerSpec;
import org.diego.cell.garden.HostPortAllocator;
import org.diego.cell.garden.ProcessBackend;
import org.diego.core.model.DownloadAction;
import org.diego.core.model.UploadAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Download and upload steps between a local HTTP server and a process-backend container. */
class TransferStepsTest {
    @TempDir
    Path root;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final RecordingLog log = new RecordingLog("LOG");
    private ProcessBackend backend;
    private StepTarget target;
    private StepSettings settings;
    private FileServer server;

    @BeforeEach
    void create() throws Exception {
        backend = new ProcessBackend(root.resolve("containers"), "127.0.0.1", new HostPortAllocator(), timers,
                Duration.ofSeconds(2));
        ContainerInfo info = backend.create(new ContainerSpec("c1", null, List.of(), List.of()));
        target = new StepTarget(backend, "c1", info, List.of());
        settings = TestSettings.of(new ManualTime(), StepSettings.sharedIo(), root.resolve("cache"));
        server = new FileServer();
    }

    @AfterEach
    void destroy() {
        server.close();
        backend.destroy("c1");
        timers.shutdownNow();
    }

    private Path dir() {
        return root.resolve("containers").resolve("c1");
    }

    private static StepError await(CompletableFuture<Void> done) throws Exception {
        try {
            done.get(10, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return StepError.of(e);
        }
    }

    private StepError download(String artifact, String path, String to, String cacheKey, String algorithm,
                               String checksum) throws Exception {
        DownloadAction action = new DownloadAction(artifact, server.uri(path).toString(), to, cacheKey, null, "vcap",
                algorithm, checksum);
        return await(new DownloadStep(target, action, log, settings).perform());
    }

    @Test
    void aTgzIsExtractedIntoTheContainerAndCachedByKey() throws Exception {
        byte[] tgz = SampleArchives.gzip(SampleArchives.tar());
        String sha = java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tgz));
        server.serve("/droplet.tgz", tgz, "\"d1\"", null);

        assertNull(download("droplet", "/droplet.tgz", "app", "droplets-1", "sha256", sha));
        assertNull(download("droplet", "/droplet.tgz", "app2", "droplets-1", "sha256", sha));

        Path script = dir().resolve("app/bin/run.sh");
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(script)));
        assertEquals("hello", Files.readString(dir().resolve("app2/data/greeting.txt")));
        assertEquals("out: Downloading droplet...", log.lines.get(0));
        assertTrue(log.lines.get(1).matches("out: Downloaded droplet \\(\\d+(\\.\\d)?[BK]\\)"), log.lines.toString());
        assertEquals(List.of("out: Downloading droplet...", "out: Downloaded droplet"), log.lines.subList(2, 4),
                "the second came from the cache");
    }

    @Test
    void aZipIsExtractedWithItsModes() throws Exception {
        server.serve("/lifecycle.zip", SampleArchives.zip(root), null, null);

        assertNull(download("", "/lifecycle.zip", ".", null, null, null));

        assertTrue(Files.isExecutable(dir().resolve("bin/run.sh")));
        assertTrue(log.lines.isEmpty(), "no artifact, no progress lines");
    }

    @Test
    void failuresAreWordedAsDiegoDoes() throws Exception {
        server.answer("/gone", 404);
        server.serve("/a.tar", SampleArchives.tar(), null, null);

        StepError notFound = download("droplet", "/gone", "app", null, null, null);
        StepError badChecksum = download("", "/a.tar", "app", null, "md5", "0".repeat(32));
        StepError outside = download("", "/a.tar", "/etc/diego-test", null, null, null);

        assertEquals("Downloading droplet failed", notFound.getMessage());
        assertTrue(notFound.emittable());
        assertTrue(log.lines.contains("err: Downloading droplet failed"));
        assertEquals("Downloading failed", badChecksum.getMessage());
        assertTrue(outside.getMessage().startsWith("Copying into the container failed: path /etc/diego-test is outside"),
                outside.getMessage());
    }

    @Test
    void anUploadPostsTheFileWithItsMd5() throws Exception {
        byte[] content = "droplet bytes".getBytes(StandardCharsets.UTF_8);
        Files.write(dir().resolve("out.tgz"), content);
        UploadAction action = new UploadAction("droplet", "out.tgz", server.uri("/upload").toString(), null, "vcap");

        assertNull(await(new UploadStep(target, action, log, settings).perform()));

        FileServer.Request posted = server.requests.get(0);
        assertEquals("POST", posted.method());
        assertArrayEquals(content, posted.body());
        assertEquals(Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content)),
                posted.headers().getFirst("Content-MD5"));
        assertEquals(List.of("out: Uploading droplet...", "out: Uploaded droplet (13B)"), log.lines);
    }

    @Test
    void aRefusedUploadOrAMissingFileFails() throws Exception {
        Files.writeString(dir().resolve("result.json"), "{}");
        server.answer("/upload", 500);

        StepError refused = await(new UploadStep(target, new UploadAction("", "result.json",
                server.uri("/upload").toString(), null, "vcap"), log, settings).perform());
        StepError missing = await(new UploadStep(target, new UploadAction("", "nope.txt",
                server.uri("/upload").toString(), null, "vcap"), log, settings).perform());

        assertEquals("Upload failed: Status code 500", refused.getMessage());
        assertEquals(3, server.requests.size(), "three tries");
        assertEquals("Failed to establish stream from container", missing.getMessage());
    }
}
