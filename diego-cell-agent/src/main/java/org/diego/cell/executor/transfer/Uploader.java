package org.diego.cell.executor.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;
import org.diego.cell.executor.transfer.CancelToken.TransferCancelledException;

/**
 * Diego's uploader: POSTs a file as the request body (application/octet-stream, Content-MD5), up to three
 * tries; an HTTP status of 400 or more is a failure ("Upload failed: Status code N").
 */
public final class Uploader {
    private static final Logger LOG = Logger.getLogger(Uploader.class.getName());
    private static final int ATTEMPTS = 3;

    private final HttpClient http;

    public Uploader(HttpClient http) {
        this.http = http;
    }

    /** Returns the number of bytes sent. */
    public long upload(Path file, URI to, CancelToken cancel) throws IOException {
        long size = Files.size(file);
        String md5 = contentMd5(file);
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            cancel.check();
            try {
                uploadOnce(file, to, md5, cancel);
                return size;
            } catch (TransferCancelledException e) {
                throw e;
            } catch (IOException e) {
                last = e;
                int tried = attempt;
                LOG.info(() -> "upload to " + to.getHost() + " failed (attempt " + tried + " of " + ATTEMPTS + "): "
                        + e.getMessage());
            }
        }
        throw last;
    }

    private void uploadOnce(Path file, URI to, String md5, CancelToken cancel) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(to)
                .header("Content-Type", "application/octet-stream")
                .header("Content-MD5", md5)
                .POST(HttpRequest.BodyPublishers.ofFile(file))
                .build();
        CompletableFuture<HttpResponse<Void>> sent = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        cancel.onCancel(() -> sent.cancel(true));
        HttpResponse<Void> response;
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
        if (response.statusCode() >= 400) {
            throw new IOException("Upload failed: Status code " + response.statusCode());
        }
    }

    private static String contentMd5(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("MD5"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return Base64.getEncoder().encodeToString(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
