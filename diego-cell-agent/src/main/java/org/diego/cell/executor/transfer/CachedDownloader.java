package org.diego.cell.executor.transfer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.diego.cell.archive.Archives;
import org.diego.cell.executor.transfer.CancelToken.TransferCancelledException;

/**
 * Diego's cached downloader, simplified: a download with a cache key is kept as a tar under the md5 of
 * the key with the response's ETag and Last-Modified, and the next fetch of that key sends them back as
 * If-None-Match and If-Modified-Since: a 304 serves the cached tar, anything else replaces it, and a
 * response with neither header is not cached (the old entry is dropped). One fetch per key runs at a
 * time; the least recently used entries go when the cache outgrows its size. Archives are turned into
 * tars before they are stored (see {@link Archives}). Failures other than checksum mismatches are
 * retried with a doubling back-off.
 */
public final class CachedDownloader {
    private static final Logger LOG = Logger.getLogger(CachedDownloader.class.getName());
    private static final String TAR = ".tar";
    private static final String META = ".meta";
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final HttpClient http;
    private final Path dir;
    private final Path temp;
    private final long maxCacheBytes;
    private final int attempts;
    private final Duration backoff;
    private final Semaphore concurrent;
    private final Map<String, ReentrantLock> keyLocks = new ConcurrentHashMap<>();

    /** A fetched archive as a tar stream (a temporary file is deleted on close). */
    public record Fetched(InputStream tar, long downloadedBytes) {
    }

    private record CachingInfo(String etag, String lastModified) {
        boolean cacheable() {
            return !etag.isEmpty() || !lastModified.isEmpty();
        }
    }

    /** What one request brought: a new file, or "not modified" (file null). */
    private record Download(Path file, long bytes, CachingInfo caching) {
    }

    /**
     * @param dir            the cache directory, created if missing; its {@code temp} subdirectory is wiped
     * @param maxCacheBytes  cache size (Diego: 10 GB); 0 disables caching
     * @param attempts       tries per download (Diego: 4)
     * @param backoff        pause after the first failed try, doubled after each (capped at 5 s)
     * @param maxConcurrent  downloads at once (Diego's max_concurrent_downloads: 5)
     */
    public CachedDownloader(HttpClient http, Path dir, long maxCacheBytes, int attempts, Duration backoff,
                            int maxConcurrent) throws IOException {
        this.http = http;
        this.dir = Files.createDirectories(dir).toAbsolutePath();
        this.temp = this.dir.resolve("temp");
        deleteTree(temp);
        Files.createDirectories(temp);
        this.maxCacheBytes = maxCacheBytes;
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
        this.concurrent = new Semaphore(Math.max(1, maxConcurrent));
    }

    /**
     * Fetches {@code url} as a tar. {@code checksumAlgorithm} (md5, sha1, sha256) and {@code checksumValue}
     * are optional; the check applies to the bytes as downloaded.
     */
    public Fetched fetch(URI url, String cacheKey, String checksumAlgorithm, String checksumValue, CancelToken cancel)
            throws IOException {
        acquire(concurrent, cancel);
        try {
            if (cacheKey == null || cacheKey.isEmpty() || maxCacheBytes <= 0) {
                Download d = download(url, null, checksumAlgorithm, checksumValue, cancel);
                return new Fetched(temporary(tarOf(d.file())), d.bytes());
            }
            String key = md5(cacheKey);
            ReentrantLock lock = keyLocks.computeIfAbsent(key, k -> new ReentrantLock());
            acquire(lock, cancel);
            try {
                return fetchCached(url, key, checksumAlgorithm, checksumValue, cancel);
            } finally {
                lock.unlock();
            }
        } finally {
            concurrent.release();
        }
    }

    private Fetched fetchCached(URI url, String key, String algorithm, String value, CancelToken cancel)
            throws IOException {
        Path cachedTar = dir.resolve(key + TAR);
        CachingInfo current = readMeta(key);
        Download d = download(url, current, algorithm, value, cancel);
        if (d.file() == null) {
            LOG.fine(() -> "download " + url + ": not modified; serving the cached copy");
            Files.setLastModifiedTime(cachedTar, FileTime.fromMillis(System.currentTimeMillis()));
            return new Fetched(Files.newInputStream(cachedTar), 0);
        }
        Path tar = tarOf(d.file());
        if (!d.caching().cacheable()) {
            delete(key);
            return new Fetched(temporary(tar), d.bytes());
        }
        Files.move(tar, cachedTar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        writeMeta(key, d.caching());
        // Opened before eviction may remove it: an open file stays readable.
        InputStream in = Files.newInputStream(cachedTar);
        evict(key);
        return new Fetched(in, d.bytes());
    }

    private Download download(URI url, CachingInfo current, String algorithm, String value, CancelToken cancel)
            throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            cancel.check();
            try {
                return downloadOnce(url, current, algorithm, value, cancel);
            } catch (ChecksumException | TransferCancelledException e) {
                throw e;
            } catch (IOException e) {
                last = e;
                int tried = attempt + 1;
                LOG.info(() -> "download " + url + " failed (attempt " + tried + " of " + attempts + "): "
                        + e.getMessage());
                if (tried < attempts) {
                    pause(backoff.multipliedBy(1L << Math.min(attempt, 10)), cancel);
                }
            }
        }
        throw last;
    }

    private Download downloadOnce(URI url, CachingInfo current, String algorithm, String value, CancelToken cancel)
            throws IOException {
        MessageDigest digest = digest(algorithm, value);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET();
        if (current != null) {
            if (!current.etag().isEmpty()) {
                request.header("If-None-Match", current.etag());
            }
            if (!current.lastModified().isEmpty()) {
                request.header("If-Modified-Since", current.lastModified());
            }
        }
        CompletableFuture<HttpResponse<InputStream>> sent =
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        cancel.onCancel(() -> sent.cancel(true));
        HttpResponse<InputStream> response;
        try {
            response = sent.get();
        } catch (CancellationException e) {
            throw new TransferCancelledException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferCancelledException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
        }
        try (InputStream body = response.body()) {
            cancel.onCancel(() -> closeQuietly(body));
            if (response.statusCode() == 304 && current != null) {
                return new Download(null, 0, current);
            }
            if (response.statusCode() != 200) {
                throw new IOException("Download failed: Status code " + response.statusCode());
            }
            Path file = Files.createTempFile(temp, "download-", "");
            long bytes;
            try (OutputStream out = Files.newOutputStream(file)) {
                bytes = copy(body, out, digest);
            } catch (IOException e) {
                Files.deleteIfExists(file);
                cancel.check();
                throw e;
            }
            if (digest != null) {
                String got = HexFormat.of().formatHex(digest.digest());
                String expected = value.replace("\"", "").toLowerCase(Locale.ROOT);
                if (!got.equals(expected)) {
                    Files.deleteIfExists(file);
                    throw new ChecksumException("checksum mismatch", value, "\"" + got + "\"");
                }
            }
            CachingInfo caching = new CachingInfo(response.headers().firstValue("ETag").orElse(""),
                    response.headers().firstValue("Last-Modified").orElse(""));
            return new Download(file, bytes, caching);
        }
    }

    /** The archive as a tar in the temp directory; the raw download is removed. */
    private Path tarOf(Path raw) throws IOException {
        Path tar = Files.createTempFile(temp, "tar-", TAR);
        try {
            Archives.toTar(raw, tar);
            return tar;
        } catch (IOException e) {
            Files.deleteIfExists(tar);
            throw e;
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    private static MessageDigest digest(String algorithm, String value) throws ChecksumException {
        boolean noAlgorithm = algorithm == null || algorithm.isEmpty();
        boolean noValue = value == null || value.isEmpty();
        if (noAlgorithm && noValue) {
            return null;
        }
        String name = switch (noAlgorithm ? "" : algorithm) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            case "sha256" -> "SHA-256";
            default -> throw new ChecksumException("algorithm invalid", "[md5, sha1, sha256]", algorithm);
        };
        int length = switch (algorithm) {
            case "md5" -> 32;
            case "sha1" -> 40;
            default -> 64;
        };
        if (noValue || value.replace("\"", "").length() != length) {
            throw new ChecksumException("checksum missing or invalid", "a valid checksum", value);
        }
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long copy(InputStream in, OutputStream out, MessageDigest digest) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            if (digest != null) {
                digest.update(buffer, 0, n);
            }
            total += n;
        }
        return total;
    }

    private CachingInfo readMeta(String key) {
        Path meta = dir.resolve(key + META);
        if (!Files.isRegularFile(meta) || !Files.isRegularFile(dir.resolve(key + TAR))) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            return null;
        }
        CachingInfo info = new CachingInfo(p.getProperty("etag", ""), p.getProperty("last-modified", ""));
        return info.cacheable() ? info : null;
    }

    private void writeMeta(String key, CachingInfo info) throws IOException {
        Properties p = new Properties();
        p.setProperty("etag", info.etag());
        p.setProperty("last-modified", info.lastModified());
        Path tmp = Files.createTempFile(temp, key, META);
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(out, null);
        }
        Files.move(tmp, dir.resolve(key + META), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void delete(String key) throws IOException {
        Files.deleteIfExists(dir.resolve(key + META));
        Files.deleteIfExists(dir.resolve(key + TAR));
    }

    /** Drops the least recently used entries (not {@code keep}) until the cache fits its size. */
    private synchronized void evict(String keep) throws IOException {
        List<Path> tars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + TAR)) {
            entries.forEach(tars::add);
        }
        long total = 0;
        for (Path t : tars) {
            total += Files.size(t);
        }
        tars.sort(Comparator.comparing(CachedDownloader::lastModified));
        for (Path t : tars) {
            if (total <= maxCacheBytes) {
                break;
            }
            String key = t.getFileName().toString().replace(TAR, "");
            if (!key.equals(keep)) {
                total -= Files.size(t);
                delete(key);
                LOG.fine(() -> "download cache: evicted " + key);
            }
        }
    }

    private static FileTime lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static InputStream temporary(Path file) throws IOException {
        return new FilterInputStream(Files.newInputStream(file)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    Files.deleteIfExists(file);
                }
            }
        };
    }

    private static void acquire(Semaphore semaphore, CancelToken cancel) throws IOException {
        try {
            while (!semaphore.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                cancel.check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferCancelledException();
        }
    }

    private static void acquire(ReentrantLock lock, CancelToken cancel) throws IOException {
        try {
            while (!lock.tryLock(100, TimeUnit.MILLISECONDS)) {
                cancel.check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferCancelledException();
        }
    }

    private static void pause(Duration duration, CancelToken cancel) throws IOException {
        long until = System.nanoTime() + Math.min(duration.toNanos(), MAX_BACKOFF.toNanos());
        try {
            while (System.nanoTime() < until) {
                cancel.check();
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferCancelledException();
        }
    }

    static String md5(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // aborting a cancelled download
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
