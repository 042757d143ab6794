package org.diego.web.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.diego.core.json.Json;
import org.diego.core.logs.ContainerMetric;
import org.diego.core.logs.LogEnvelope;
import org.diego.core.logs.LogMessageType;
import org.diego.ejb.logs.ContainerMetrics;
import org.diego.ejb.logs.LiveLogs;
import org.diego.ejb.logs.RecentLogs;
import org.glassfish.hk2.utilities.binding.AbstractBinder;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The recent-lines and metrics routes in a real JAX-RS runtime, over grid fakes. */
class LogApiTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static HttpServer server;
    private static URI base;

    private static final LogEnvelope A = new LogEnvelope("app", "APP/PROC/WEB", "0", LogMessageType.OUT, "a", 1);
    private static final LogEnvelope B = new LogEnvelope("app", "CELL", "1", LogMessageType.ERR, "b", 2);

    @BeforeAll
    static void start() {
        RecentLogs recent = new RecentLogs() {
            @Override
            public int capacity() {
                return 1000;
            }

            @Override
            public List<String> recent(String logGuid, int limit) {
                List<String> all = "app".equals(logGuid) ? List.of(Json.write(A), Json.write(B)) : List.of();
                return all.subList(Math.max(0, all.size() - limit), all.size());
            }
        };
        ContainerMetrics metrics = new ContainerMetrics() {
            @Override
            public List<ContainerMetric> ofProcess(String processGuid) {
                return List.of(new ContainerMetric(processGuid, "ig", 0, 12.5, 1, 2, 3, 4, 5));
            }
        };
        ResourceConfig config = new ResourceConfig().register(LogResource.class)
                .register(ContainerMetricsResource.class)
                .register(new AbstractBinder() {
                    @Override
                    protected void configure() {
                        bind(recent).to(RecentLogs.class);
                        bind(new LiveLogs()).to(LiveLogs.class);
                        bind(metrics).to(ContainerMetrics.class);
                    }
                });
        server = JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), config);
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void recentIsAJsonArrayOldestFirst() throws Exception {
        HttpResponse<String> response = get("/v1/logs/app/recent");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(List.of(A, B), List.of(Json.read(response.body(), LogEnvelope[].class)));
        assertEquals(List.of(B), List.of(Json.read(get("/v1/logs/app/recent?limit=1").body(), LogEnvelope[].class)));
        assertEquals("[]", get("/v1/logs/nobody/recent").body());
    }

    @Test
    void aBadLimitIsRefusedNamingIt() throws Exception {
        HttpResponse<String> response = get("/v1/logs/app/recent?limit=-3");
        assertEquals(400, response.statusCode());
        assertEquals("limit must be a positive integer, not -3",
                Json.readTree(response.body()).path("error").path("message").asText());
    }

    @Test
    void metricsOfAProcess() throws Exception {
        HttpResponse<String> response = get("/v1/containers/metrics/pg");
        assertEquals(200, response.statusCode());
        assertEquals("[{\"process_guid\":\"pg\",\"instance_guid\":\"ig\",\"index\":0,\"cpu_percentage\":12.5,"
                + "\"memory_bytes\":1,\"disk_bytes\":2,\"memory_bytes_quota\":3,\"disk_bytes_quota\":4,"
                + "\"timestamp_ns\":5}]", response.body());
    }
}
