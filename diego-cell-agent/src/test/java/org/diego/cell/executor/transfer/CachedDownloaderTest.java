package org.diego.cell.executor.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.diego.cell.archive.SampleArchives;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diego's cached downloader: revalidation by ETag and Last-Modified, checksums, tars out. */
class CachedDownloaderTest {
    @TempDir
    Path dir;
    private FileServer server;
    private CachedDownloader downloader;
    private byte[] tar;

    @BeforeEach
    void start() throws IOException {
        server = new FileServer();
        downloader = new CachedDownloader(HttpClient.newHttpClient(), dir.resolve("cache"), 10 * 1024 * 1024, 1,
                Duration.ofMillis(10), 5);
        tar = SampleArchives.tar();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CachedDownloader.Fetched fetch(String path, String key) throws IOException {
        return downloader.fetch(server.uri(path), key, null, null, new CancelToken());
    }

    private static byte[] read(CachedDownloader.Fetched fetched) throws IOException {
        try (InputStream in = fetched.tar()) {
            return in.readAllBytes();
        }
    }

    @Test
    void anEtagRevalidatesTheCachedCopy() throws IOException {
        server.serve("/droplet.tgz", SampleArchives.gzip(tar), "\"v1\"", null);

        CachedDownloader.Fetched first = fetch("/droplet.tgz", "droplet-app1");
        assertArrayEquals(tar, read(first), "a tgz is stored as the tar inside");
        assertTrue(first.downloadedBytes() > 0);
        CachedDownloader.Fetched second = fetch("/droplet.tgz", "droplet-app1");

        assertArrayEquals(tar, read(second));
        assertEquals(0, second.downloadedBytes(), "304: served from the cache");
        assertEquals("\"v1\"", server.requests.get(1).headers().getFirst("If-None-Match"));
    }

    @Test
    void lastModifiedRevalidatesToo_andAChangeReplacesTheEntry() throws IOException {
        String monday = "Mon, 23 Nov 2026 10:00:00 GMT";
        server.serve("/lifecycle.tar", tar, null, monday);
        read(fetch("/lifecycle.tar", "lifecycle"));
        read(fetch("/lifecycle.tar", "lifecycle"));
        assertEquals(monday, server.requests.get(1).headers().getFirst("If-Modified-Since"));

        byte[] newer = SampleArchives.gzip(tar);
        server.serve("/lifecycle.tar", newer, null, "Tue, 24 Nov 2026 10:00:00 GMT");
        CachedDownloader.Fetched changed = fetch("/lifecycle.tar", "lifecycle");

        assertEquals(newer.length, changed.downloadedBytes());
        read(changed);
        assertEquals(0, fetch("/lifecycle.tar", "lifecycle").downloadedBytes());
    }

    @Test
    void withoutCachingHeadersOrKeyNothingIsCached() throws IOException {
        server.serve("/plain.tar", tar, null, null);

        read(fetch("/plain.tar", "key"));
        read(fetch("/plain.tar", "key"));
        read(fetch("/plain.tar", null));

        assertEquals(3, server.gets("/plain.tar"));
        assertNull(server.requests.get(1).headers().getFirst("If-None-Match"));
        try (var files = Files.list(dir.resolve("cache").resolve("temp"))) {
            assertEquals(0, files.count(), "temporary tars are deleted once read");
        }
    }

    @Test
    void checksumsAreVerified() throws Exception {
        server.serve("/a.tar", tar, null, null);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tar));
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(tar));

        read(downloader.fetch(server.uri("/a.tar"), "", "sha256", sha256, new CancelToken()));
        read(downloader.fetch(server.uri("/a.tar"), "", "md5", md5, new CancelToken()));
        ChecksumException wrong = assertThrows(ChecksumException.class,
                () -> downloader.fetch(server.uri("/a.tar"), "", "sha1", "0".repeat(40), new CancelToken()));

        assertTrue(wrong.getMessage().startsWith("Checksum failed: 'checksum mismatch', expected '" + "0".repeat(40)),
                wrong.getMessage());
    }

    @Test
    void aFailedResponseOrAnUnknownFormatFails() {
        server.answer("/missing", 404);
        server.serve("/text", "not an archive".getBytes(), null, null);

        assertEquals("Download failed: Status code 404",
                assertThrows(IOException.class, () -> fetch("/missing", "")).getMessage());
        assertEquals("unknown archive format", assertThrows(IOException.class, () -> fetch("/text", "")).getMessage());
    }
}
