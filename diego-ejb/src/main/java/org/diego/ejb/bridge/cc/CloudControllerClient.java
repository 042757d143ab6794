package org.diego.ejb.bridge.cc;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.diego.core.bridge.cc.DesireAppRequestFromCC;
import org.diego.core.bridge.cc.FingerprintsResponse;
import org.diego.core.bridge.tps.AppNotification;
import org.diego.core.json.Json;
import org.diego.core.model.DiegoException;

/**
 * Calls to Cloud Controller's internal API, as Diego's nsync fetcher and tps cc_client make them:
 * <ul>
 *   <li>{@code GET /internal/bulk/apps?batch_size=N&format=fingerprint&token=T} → one fingerprint page;</li>
 *   <li>{@code POST /internal/bulk/apps} with a JSON list of process guids → their full desires;</li>
 *   <li>{@code POST /internal/v4/apps/:guid/{crashed,rescheduling,readiness_changed}}.</li>
 * </ul>
 * Every request carries basic auth when a user is configured and is bounded by the timeout. Anything
 * but a 2xx, a transport error or an unreadable body is a {@link CcException}.
 */
@ApplicationScoped
public class CloudControllerClient {
    @Inject
    CcConfig config;

    private volatile Target target;

    /** For CDI; configured from {@link CcConfig} at construction. */
    public CloudControllerClient() {
    }

    /** A client for {@code baseUrl} (null or empty: not configured), for tests and tools. */
    public CloudControllerClient(String baseUrl, String username, String password, Duration timeout) {
        this.target = Target.of(baseUrl, username, password, timeout);
    }

    @PostConstruct
    void configure() {
        target = Target.of(config.baseUrl().orElse(null), config.username(), config.password(), config.timeout());
    }

    public boolean configured() {
        return target.base != null;
    }

    /** One page of fingerprints; {@code token} is the previous page's token as JSON ({@code {}} at first). */
    public FingerprintsResponse fingerprints(int batchSize, JsonNode token) {
        String t = token == null || token.isNull() ? "{}" : token.toString();
        String path = "/internal/bulk/apps?batch_size=" + batchSize + "&format=fingerprint&token="
                + URLEncoder.encode(t, StandardCharsets.UTF_8);
        return read(send(request(path).GET()), FingerprintsResponse.class, path);
    }

    /** The full desire of each guid (CC answers a JSON list of DesireAppRequestFromCC). */
    public List<DesireAppRequestFromCC> desiredApps(List<String> processGuids) {
        String path = "/internal/bulk/apps";
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(processGuids)));
        return List.of(read(send(b), DesireAppRequestFromCC[].class, path));
    }

    /** Posts a TPS watcher notification. */
    public void notify(AppNotification n) {
        post(n.path(), Json.write(n.body()));
    }

    /** POSTs JSON to {@code path} under the base URL; returns the body of a 2xx answer. */
    public String post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(String path) {
        Target t = target;
        if (t.base == null) {
            throw new CcException("diego.cc.base-url is not set: no Cloud Controller to call", 0, null);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.base + path)).timeout(t.timeout)
                .header("Accept", "application/json");
        if (t.authorization != null) {
            b.header("Authorization", t.authorization);
        }
        return b;
    }

    private String send(HttpRequest.Builder builder) {
        Target t = target;
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = t.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CcException(request.method() + " " + request.uri().getPath() + " failed: " + e, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CcException(request.method() + " " + request.uri().getPath() + " interrupted", 0, e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new CcException(request.method() + " " + request.uri().getPath() + " answered " + status, status, null);
        }
        return response.body();
    }

    private static <T> T read(String body, Class<T> type, String path) {
        try {
            return Json.read(body, type);
        } catch (DiegoException e) {
            throw new CcException("cannot read CC's answer to " + path + ": " + e.getMessage(), 200, e);
        }
    }

    /** The immutable connection settings and the HTTP client made for them. */
    private record Target(String base, String authorization, Duration timeout, HttpClient http) {
        static Target of(String baseUrl, String username, String password, Duration timeout) {
            String base = baseUrl == null || baseUrl.isBlank() ? null : strip(baseUrl.strip());
            String auth = username == null || username.isEmpty() ? null : "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
            // HTTP/1.1 like Go's client: Cloud Controller does not speak h2c.
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            return new Target(base, auth, timeout, http);
        }

        private static String strip(String url) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
    }
}
