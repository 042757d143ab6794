package org.diego.ejb.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real client against a loopback receiver: what it sends and how a slow receiver looks. */
class JdkCallbackClientTest {
    HttpServer server;
    final AtomicReference<String> received = new AtomicReference<>();
    final AtomicReference<String> contentType = new AtomicReference<>();
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/done", exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            contentType.set(exchange.getRequestHeaders().getFirst("Content-Type") + " " + exchange.getRequestMethod());
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void postsJsonAndReturnsTheStatus() throws Exception {
        int status = new JdkCallbackClient(Duration.ofSeconds(5)).post(url("/done"), "{\"task_guid\":\"t\"}");
        assertEquals(202, status);
        assertEquals("{\"task_guid\":\"t\"}", received.get());
        assertEquals("application/json POST", contentType.get());
    }

    @Test
    void aSlowReceiverIsATimeout() {
        HttpTimeoutException e = assertThrows(HttpTimeoutException.class,
                () -> new JdkCallbackClient(Duration.ofMillis(200)).post(url("/slow"), "{}"));
        assertTrue(CallbackDelivery.retryable(e));
    }

    @Test
    void aUrlWithoutHttpSchemeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new JdkCallbackClient(Duration.ofSeconds(1)).post("ftp://x/y", "{}"));
        assertThrows(IllegalArgumentException.class, () -> new JdkCallbackClient(Duration.ofSeconds(1)).post("not a url", "{}"));
    }
}
