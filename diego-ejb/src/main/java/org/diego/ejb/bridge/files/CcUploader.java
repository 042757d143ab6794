package org.diego.ejb.bridge.files;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.model.ValidationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Diego's cc-uploader: takes the executor's plain upload of a droplet or build cache, keeps a copy in
 * the {@link Blobstore} (so every instance can serve it from {@code /file-server/v1/static/}) and
 * sends it on to Cloud Controller. Runs without a transaction: the blob is stored in its own, and no
 * transaction is held across the HTTP upload to CC.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CcUploader {
    public static final String DROPLET_URI_KEY = "cc-droplet-upload-uri";
    public static final String BUILD_ARTIFACTS_URI_KEY = "cc-build-artifacts-upload-uri";
    /** CC's form field for the file (the same for droplets and build caches, as Diego's). */
    static final String FORM_FIELD = "upload[droplet]";
    static final int DEFAULT_TIMEOUT_SECONDS = 300;
    private static final Logger LOG = Logger.getLogger(CcUploader.class.getName());
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject
    Blobstore blobs;
    @Inject
    Clock clock;
    @Inject
    @ConfigProperty(name = "diego.cc-uploader.attempts", defaultValue = "3")
    int attempts;
    @Inject
    @ConfigProperty(name = "diego.cc-uploader.poll-interval-millis", defaultValue = "1000")
    long pollIntervalMillis;

    public CcUploadClient.Outcome droplet(String guid, String ccUri, String timeout, String contentMd5, InputStream body) {
        return upload(BlobKeys.droplet(guid), DROPLET_URI_KEY, ccUri, timeout, contentMd5, body, "droplet.tgz");
    }

    public CcUploadClient.Outcome buildArtifacts(String appGuid, String ccUri, String timeout, String contentMd5,
                                                 InputStream body) {
        return upload(BlobKeys.buildArtifacts(appGuid), BUILD_ARTIFACTS_URI_KEY, ccUri, timeout, contentMd5, body,
                "buildpack_cache.tgz");
    }

    private CcUploadClient.Outcome upload(String key, String uriKey, String ccUri, String timeout, String contentMd5,
                                          InputStream body, String filename) {
        URI target = ccUri(uriKey, ccUri);
        Duration limit = Duration.ofSeconds(timeoutSeconds(timeout));
        Path spool = null;
        try {
            spool = Files.createTempFile("cc-upload", ".tgz");
            String md5 = spool(body, spool);
            if (contentMd5 != null && !contentMd5.isBlank() && !contentMd5.trim().equals(md5)) {
                throw new ValidationException("Content-MD5", "does not match the body (body's is " + md5 + ")");
            }
            keepCopy(key, spool);
            CcUploadClient client = new CcUploadClient(HTTP, d -> Thread.sleep(d.toMillis()), clock, attempts,
                    Duration.ofMillis(pollIntervalMillis));
            return client.upload(spool, md5, target, FORM_FIELD, filename, limit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool the upload", e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException e) {
                    LOG.fine(() -> "cannot delete " + e.getMessage());
                }
            }
        }
    }

    /** A failed copy does not fail the upload: CC still gets the droplet, only our file server lacks it. */
    private void keepCopy(String key, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            blobs.put(key, "application/gzip", in);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot keep a copy of " + key + " in the blobstore", e);
        }
    }

    static URI ccUri(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(key, "is required");
        }
        try {
            URI uri = URI.create(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ValidationException(key, "must be an absolute http or https URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ValidationException(key, "is not a URL: " + e.getMessage());
        }
    }

    static long timeoutSeconds(String timeout) {
        if (timeout == null || timeout.isBlank()) {
            return DEFAULT_TIMEOUT_SECONDS;
        }
        try {
            long s = Long.parseLong(timeout.trim());
            if (s <= 0) {
                throw new ValidationException("timeout", "must be a positive number of seconds");
            }
            return s;
        } catch (NumberFormatException e) {
            throw new ValidationException("timeout", "must be a whole number of seconds");
        }
    }

    /** Copies the body to {@code file}; returns its MD5 in base64 (Content-MD5's form). */
    static String spool(InputStream body, Path file) throws IOException {
        MessageDigest md5 = BlobChunker.md5();
        try (InputStream in = new DigestInputStream(body == null ? InputStream.nullInputStream() : body, md5);
             OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        }
        return Base64.getEncoder().encodeToString(md5.digest());
    }
}
