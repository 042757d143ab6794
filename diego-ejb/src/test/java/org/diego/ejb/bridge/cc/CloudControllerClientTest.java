package org.diego.ejb.bridge.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.diego.core.bridge.cc.AppCrashedRequest;
import org.diego.core.bridge.cc.DesireAppRequestFromCC;
import org.diego.core.bridge.cc.FingerprintsResponse;
import org.diego.core.bridge.tps.AppNotification;
import org.diego.core.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a loopback CC: paths, query, auth, bodies and failures. */
class CloudControllerClientTest {
    HttpServer server;
    final Map<String, String> seen = new ConcurrentHashMap<>();
    volatile int status = 200;
    volatile String reply = "{}";

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.put("method", exchange.getRequestMethod());
            seen.put("path", exchange.getRequestURI().getPath());
            seen.put("query", String.valueOf(exchange.getRequestURI().getQuery()));
            seen.put("auth", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            seen.put("type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] out = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    CloudControllerClient client(String user) {
        return new CloudControllerClient("http://127.0.0.1:" + server.getAddress().getPort() + "/", user, "secret",
                Duration.ofSeconds(5));
    }

    @Test
    void fingerprintsPagesWithBatchFormatAndToken() {
        reply = "{\"fingerprints\":[{\"process_guid\":\"a\",\"etag\":\"1\"}],\"token\":{\"id\":3}}";
        FingerprintsResponse first = client("cc").fingerprints(500, null);
        assertEquals("GET", seen.get("method"));
        assertEquals("/internal/bulk/apps", seen.get("path"));
        assertEquals("batch_size=500&format=fingerprint&token={}", seen.get("query"));
        assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString("cc:secret".getBytes()), seen.get("auth"));
        assertEquals("a", first.fingerprints().get(0).processGuid());
        client("cc").fingerprints(2, first.token());
        assertEquals("batch_size=2&format=fingerprint&token={\"id\":3}", seen.get("query"));
    }

    @Test
    void desiredAppsPostsTheGuidList() {
        reply = "[{\"process_guid\":\"a\",\"droplet_uri\":\"http://d\",\"num_instances\":2}]";
        List<DesireAppRequestFromCC> apps = client("").desiredApps(List.of("a", "b"));
        assertEquals("POST", seen.get("method"));
        assertEquals("[\"a\",\"b\"]", seen.get("body"));
        assertEquals("application/json", seen.get("type"));
        assertEquals("null", seen.get("auth"));
        assertEquals(2, apps.get(0).numInstances());
    }

    @Test
    void notifyPostsTheBodyToTheAppsPath() {
        client("").notify(new AppNotification("app-1", AppNotification.CRASHED,
                new AppCrashedRequest("i", 0, "c", "CRASHED", 0, "boom", 1, 9)));
        assertEquals("/internal/v4/apps/app-1/crashed", seen.get("path"));
        assertEquals("boom", Json.readTree(seen.get("body")).path("exit_description").asText());
    }

    @Test
    void aNon2xxAnUnreadableBodyOrNoUrlIsACcException() {
        status = 503;
        assertEquals(503, assertThrows(CcException.class, () -> client("").fingerprints(1, null)).status());
        status = 200;
        reply = "not json";
        assertEquals(200, assertThrows(CcException.class, () -> client("").fingerprints(1, null)).status());
        CloudControllerClient none = new CloudControllerClient("", null, null, Duration.ofSeconds(1));
        assertFalse(none.configured());
        assertTrue(assertThrows(CcException.class, () -> none.post("/x", "{}")).getMessage().contains("diego.cc.base-url"));
    }

    @Test
    void anUnreachableCcIsACcExceptionWithoutStatus() {
        int port = server.getAddress().getPort();
        server.stop(0);
        CloudControllerClient c = new CloudControllerClient("http://127.0.0.1:" + port, null, null, Duration.ofSeconds(2));
        assertEquals(0, assertThrows(CcException.class, () -> c.post("/x", "{}")).status());
    }
}
