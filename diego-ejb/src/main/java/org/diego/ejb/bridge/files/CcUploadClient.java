package org.diego.ejb.bridge.files;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.logging.Logger;
import org.diego.core.json.Json;
import org.diego.core.model.DiegoException;

/**
 * The cc-uploader's client to Cloud Controller: POSTs a spooled file as {@code multipart/form-data}
 * with Content-MD5, credentials from the URI's user info sent as basic auth. A lost connection or a 5xx
 * is tried again up to {@code attempts} times; a 4xx is CC's final word. When CC answers with an async
 * job ({@code {"metadata": {"url": ...}}}) the job is polled until finished, failed or the timeout.
 */
public final class CcUploadClient {
    private static final Logger LOG = Logger.getLogger(CcUploadClient.class.getName());

    /** Waits between polls; injected so tests never sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** What the cc-uploader answers the executor: 201 when CC has the file, else a status and why. */
    public record Outcome(int status, String message) {
        public boolean ok() {
            return status == 201;
        }
    }

    private final HttpClient http;
    private final Sleeper sleeper;
    private final Clock clock;
    private final int attempts;
    private final Duration pollInterval;

    public CcUploadClient(HttpClient http, Sleeper sleeper, Clock clock, int attempts, Duration pollInterval) {
        this.http = http;
        this.sleeper = sleeper;
        this.clock = clock;
        this.attempts = Math.max(1, attempts);
        this.pollInterval = pollInterval;
    }

    public Outcome upload(Path file, String md5Base64, URI target, String field, String filename, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        Target t = Target.of(target);
        String boundary = "diego-" + md5Base64.replaceAll("[^A-Za-z0-9]", "");
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        String last = "no attempt made";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpRequest.Builder request = t.request(remaining(deadline))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("Content-MD5", md5Base64)
                        .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head),
                                HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofString(tail)));
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return afterUpload(t, response.body(), deadline);
                }
                last = "Cloud Controller answered " + status;
                if (status < 500) {
                    return new Outcome(status, last);
                }
            } catch (IOException e) {
                last = "upload to Cloud Controller failed: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(500, "interrupted");
            }
            String why = last;
            int n = attempt;
            LOG.info(() -> "upload to " + t.uri().getHost() + " attempt " + n + " of " + attempts + ": " + why);
            if (clock.instant().isAfter(deadline)) {
                break;
            }
        }
        return new Outcome(500, last);
    }

    /** CC took the upload: done, unless it answered with a job to poll. */
    private Outcome afterUpload(Target t, String body, Instant deadline) throws InterruptedException {
        String jobUrl = jobUrl(body);
        if (jobUrl == null) {
            return new Outcome(201, "uploaded");
        }
        URI job = t.uri().resolve(jobUrl);
        while (true) {
            try {
                HttpResponse<String> r = http.send(t.with(job).request(remaining(deadline)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() >= 400 && r.statusCode() < 500) {
                    return new Outcome(500, "polling the upload job failed: status " + r.statusCode());
                }
                String status = r.statusCode() < 300 ? jobStatus(r.body()) : "";
                if (status.equals("finished")) {
                    return new Outcome(201, "uploaded");
                }
                if (status.equals("failed")) {
                    return new Outcome(500, "Cloud Controller's upload job failed");
                }
            } catch (IOException e) {
                LOG.fine(() -> "polling " + job + " failed: " + e.getMessage());
            }
            if (!clock.instant().plus(pollInterval).isBefore(deadline)) {
                return new Outcome(500, "timed out waiting for Cloud Controller's upload job");
            }
            sleeper.sleep(pollInterval);
        }
    }

    static String jobUrl(String body) {
        JsonNode url = tree(body).path("metadata").path("url");
        return url.isTextual() && !url.asText().isEmpty() ? url.asText() : null;
    }

    static String jobStatus(String body) {
        return tree(body).path("entity").path("status").asText("");
    }

    private static JsonNode tree(String body) {
        try {
            return body == null || body.isBlank() ? Json.tree(java.util.Map.of()) : Json.readTree(body);
        } catch (DiegoException e) {
            return Json.tree(java.util.Map.of());
        }
    }

    private Duration remaining(Instant deadline) {
        Duration d = Duration.between(clock.instant(), deadline);
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }

    /** A CC URL without its user info, and the basic auth header that user info meant. */
    record Target(URI uri, String authorization) {
        static Target of(URI given) {
            String userInfo = given.getRawUserInfo();
            if (userInfo == null) {
                return new Target(given, null);
            }
            try {
                URI bare = new URI(given.getScheme(), null, given.getHost(), given.getPort(), given.getPath(),
                        given.getQuery(), given.getFragment());
                String decoded = java.net.URLDecoder.decode(userInfo, StandardCharsets.UTF_8);
                return new Target(bare, "Basic " + Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.UTF_8)));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("bad upload URI: " + e.getMessage(), e);
            }
        }

        Target with(URI other) {
            return new Target(other, authorization);
        }

        HttpRequest.Builder request(Duration timeout) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
            return authorization == null ? b : b.header("Authorization", authorization);
        }
    }
}
