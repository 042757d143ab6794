package org.diego.web.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.diego.core.bridge.cc.DesireAppRequestFromCC;
import org.diego.core.bridge.cc.LrpInstance;
import org.diego.core.bridge.cc.LrpInstanceState;
import org.diego.core.bridge.cc.TaskRequestFromCC;
import org.diego.core.json.Json;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.model.NetInfo;
import org.diego.ejb.bridge.nsync.Nsync;
import org.diego.ejb.bridge.tps.Tps;
import org.diego.web.bridge.nsync.NsyncResource;
import org.diego.web.bridge.tps.TpsResource;
import org.diego.web.wire.RequestTypeFilter;
import org.diego.web.wire.ResponseTypeFilter;
import org.diego.web.wire.WireBodyReader;
import org.diego.web.wire.WireBodyWriter;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The nsync and TPS resources in a real JAX-RS runtime beside the BBS's wire providers and filters,
 * with fake beans: paths under their prefixes, status codes and JSON bodies as CC sees them.
 */
class BridgeApiTest {
    static final List<String> CALLS = new CopyOnWriteArrayList<>();
    static HttpServer server;
    static URI base;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** A guid whose operations fail with the error type in its name, e.g. "fail-ResourceNotFound". */
    static void maybeFail(String guid) {
        if (guid.startsWith("fail-")) {
            String type = guid.substring(5);
            if (type.equals("Bug")) {
                throw new IllegalStateException("database gone");
            }
            throw new DiegoException(ErrorType.valueOf(type), type + " for " + guid);
        }
    }

    @BeforeAll
    static void start() {
        Nsync nsync = new Nsync() {
            @Override
            public void desireApp(String processGuid, DesireAppRequestFromCC app) {
                CALLS.add("desire " + processGuid + " " + app.numInstances());
                maybeFail(processGuid);
            }

            @Override
            public void removeApp(String processGuid) {
                CALLS.add("remove " + processGuid);
                maybeFail(processGuid);
            }

            @Override
            public void retireIndex(String processGuid, int index) {
                CALLS.add("retire " + processGuid + " " + index);
                maybeFail(processGuid);
            }

            @Override
            public void desireTask(TaskRequestFromCC task) {
                CALLS.add("task " + task.taskGuid());
                maybeFail(task.taskGuid());
            }

            @Override
            public void cancelTask(String taskGuid) {
                CALLS.add("cancel " + taskGuid);
                maybeFail(taskGuid);
            }
        };
        LrpInstance running = new LrpInstance("app", "ig", 0, LrpInstanceState.RUNNING, "", null, 0,
                new NetInfo("10.0.0.1", List.of(), ""), 5, 100, null);
        Tps tps = new Tps() {
            @Override
            public List<LrpInstance> status(String guid) {
                maybeFail(guid);
                return List.of(running);
            }

            @Override
            public List<LrpInstance> stats(String guid) {
                maybeFail(guid);
                return List.of(running.withStats("10.0.0.1", 61000, null));
            }

            @Override
            public Map<String, List<LrpInstance>> bulkStatus(List<String> guids) {
                CALLS.add("bulk " + guids);
                return Map.of(guids.get(0), List.of(running));
            }
        };
        ResourceConfig config = new ResourceConfig()
                .register(NsyncResource.class).register(TpsResource.class)
                .register(new AbstractBinder() {
                    @Override
                    protected void configure() {
                        bind(nsync).to(Nsync.class);
                        bind(tps).to(Tps.class);
                    }
                })
                .register(WireBodyReader.class).register(WireBodyWriter.class)
                .register(RequestTypeFilter.class).register(ResponseTypeFilter.class);
        server = JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), config);
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @BeforeEach
    void clear() {
        CALLS.clear();
    }

    static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void desireAppIsAccepted() throws Exception {
        HttpResponse<String> r = send("PUT", "/nsync/v1/apps/app-v1",
                "{\"process_guid\":\"app-v1\",\"droplet_uri\":\"http://d\",\"num_instances\":2}");
        assertEquals(202, r.statusCode(), r.body());
        assertEquals(List.of("desire app-v1 2"), CALLS);
    }

    @Test
    void badJsonIs400NamingTheFieldAndCallsNothing() throws Exception {
        HttpResponse<String> r = send("PUT", "/nsync/v1/apps/app-v1", "{\"num_instances\":\"two\"}");
        assertEquals(400, r.statusCode());
        assertEquals("InvalidJSON", Json.readTree(r.body()).path("error").path("type").asText());
        assertTrue(r.body().contains("num_instances"), r.body());
        assertEquals(400, send("PUT", "/nsync/v1/apps/app-v1", null).statusCode());
        assertEquals(List.of(), CALLS);
    }

    @Test
    void refusalsMapToDiegosStatuses() throws Exception {
        String body = "{\"process_guid\":\"x\"}";
        assertEquals(400, send("PUT", "/nsync/v1/apps/fail-InvalidRequest", body).statusCode());
        assertEquals(409, send("PUT", "/nsync/v1/apps/fail-ResourceExists", body).statusCode());
        assertEquals(409, send("PUT", "/nsync/v1/apps/fail-ResourceConflict", body).statusCode());
        assertEquals(503, send("PUT", "/nsync/v1/apps/fail-UnknownError", body).statusCode());
        HttpResponse<String> bug = send("PUT", "/nsync/v1/apps/fail-Bug", body);
        assertEquals(503, bug.statusCode());
        assertTrue(bug.body().contains("database gone"), bug.body());
    }

    @Test
    void stopKillIndexAndTasks() throws Exception {
        assertEquals(202, send("DELETE", "/nsync/v1/apps/app-v1", null).statusCode());
        assertEquals(404, send("DELETE", "/nsync/v1/apps/fail-ResourceNotFound", null).statusCode());
        assertEquals(202, send("DELETE", "/nsync/v1/apps/app-v1/index/2", null).statusCode());
        assertEquals(400, send("DELETE", "/nsync/v1/apps/app-v1/index/two", null).statusCode());
        assertEquals(404, send("DELETE", "/nsync/v1/apps/fail-ResourceNotFound/index/0", null).statusCode());
        assertEquals(202, send("POST", "/nsync/v1/tasks", "{\"task_guid\":\"t-1\"}").statusCode());
        assertEquals(409, send("POST", "/nsync/v1/tasks", "{\"task_guid\":\"fail-ResourceExists\"}").statusCode());
        assertEquals(202, send("DELETE", "/nsync/v1/tasks/t-1", null).statusCode());
        assertEquals(404, send("DELETE", "/nsync/v1/tasks/fail-ResourceNotFound", null).statusCode());
        assertEquals(List.of("remove app-v1", "remove fail-ResourceNotFound", "retire app-v1 2",
                "retire fail-ResourceNotFound 0", "task t-1", "task fail-ResourceExists", "cancel t-1",
                "cancel fail-ResourceNotFound"), CALLS);
    }

    @Test
    void tpsAnswersCcsInstanceJson() throws Exception {
        HttpResponse<String> r = send("GET", "/tps/v1/actual_lrps/app", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        var first = Json.readTree(r.body()).get(0);
        assertEquals("RUNNING", first.path("state").asText());
        assertEquals("ig", first.path("instance_guid").asText());
        assertEquals(5, first.path("uptime").asInt());
        HttpResponse<String> stats = send("GET", "/tps/v1/actual_lrps/app/stats", null);
        assertEquals(61000, Json.readTree(stats.body()).get(0).path("port").asInt());
        assertEquals(404, send("GET", "/tps/v1/actual_lrps/fail-ResourceNotFound/stats", null).statusCode());
        assertEquals(400, send("GET", "/tps/v1/actual_lrps/fail-InvalidRequest", null).statusCode());
    }

    @Test
    void bulkStatusNeedsAWellFormedGuidList() throws Exception {
        HttpResponse<String> r = send("GET", "/tps/v1/bulk_actual_lrp_status?guids=a,b", null);
        assertEquals(200, r.statusCode());
        assertEquals("RUNNING", Json.readTree(r.body()).path("a").get(0).path("state").asText());
        assertEquals(List.of("bulk [a, b]"), CALLS);
        assertEquals(400, send("GET", "/tps/v1/bulk_actual_lrp_status?guids=a,,b", null).statusCode());
        assertEquals(400, send("GET", "/tps/v1/bulk_actual_lrp_status", null).statusCode());
    }
}
