package org.diego.web.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.diego.web.wire.RequestLimit;
import org.diego.web.wire.RequestTypeFilter;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the event routes are matched and read their subscription in a real JAX-RS runtime (Jersey on a
 * loopback port): stand-ins with the resources' paths, media types and parameters answer what
 * {@link SubscriptionRequest#read} made of the request instead of opening a stream (the test runtime
 * has no SSE module). Requests are sent as Diego's client, curl and a JSON client send them.
 */
class SubscriptionRoutingTest {
    static HttpServer server;
    static URI base;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Path("/v1/events")
    @Consumes({MediaType.APPLICATION_JSON, "application/x-protobuf"})
    @Produces(MediaType.TEXT_PLAIN)
    public static class Streams {
        @POST
        @Path("lrp_instances.r1")
        public String lrpInstances(@Context ContainerRequestContext request) {
            return "instances " + describe(request);
        }

        @GET
        public String groupsR0(@Context ContainerRequestContext request) {
            return "groups-r0 " + describe(request);
        }
    }

    @Path("/v1/events.r1")
    @Consumes({MediaType.APPLICATION_JSON, "application/x-protobuf"})
    @Produces(MediaType.TEXT_PLAIN)
    public static class Groups {
        @GET
        public String groups(@Context ContainerRequestContext request) {
            return "groups " + describe(request);
        }
    }

    static String describe(ContainerRequestContext request) {
        SubscriptionRequest s = SubscriptionRequest.read(request, new RequestLimit(1024));
        return "[" + s.cellId() + "] " + s.encoding();
    }

    @BeforeAll
    static void start() {
        ResourceConfig config = new ResourceConfig().register(Streams.class).register(Groups.class)
                .register(RequestTypeFilter.class);
        server = JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), config);
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static String send(String method, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    @Test
    void diegosClientGetsTheGroupStreamWithAProtobufBodyAndNoContentType() throws Exception {
        assertEquals("groups [cell-7] PROTOBUF_BASE64", send("GET", "/v1/events.r1", null, SubscriptionRequestTest.PROTO_CELL_7));
        assertEquals("groups-r0 [cell-7] PROTOBUF_BASE64", send("GET", "/v1/events", null, SubscriptionRequestTest.PROTO_CELL_7));
    }

    @Test
    void aBareGetHearsOfEveryCellInProtobufAndAJsonOneInJson() throws Exception {
        assertEquals("groups [] PROTOBUF_BASE64", send("GET", "/v1/events.r1", null, null));
        assertEquals("groups [] JSON", send("GET", "/v1/events.r1", MediaType.APPLICATION_JSON, null));
        assertEquals("groups [cell-7] JSON", send("GET", "/v1/events.r1", MediaType.APPLICATION_JSON,
                SubscriptionRequestTest.JSON_CELL_7));
    }

    @Test
    void thePostStreamsReadTheirBodyTheSameWay() throws Exception {
        assertEquals("instances [cell-7] PROTOBUF_BASE64", send("POST", "/v1/events/lrp_instances.r1", null,
                SubscriptionRequestTest.PROTO_CELL_7));
        assertEquals("instances [cell-7] PROTOBUF_BASE64", send("POST", "/v1/events/lrp_instances.r1",
                "application/x-protobuf", SubscriptionRequestTest.PROTO_CELL_7));
        assertEquals("instances [cell-7] JSON", send("POST", "/v1/events/lrp_instances.r1",
                "application/x-www-form-urlencoded", SubscriptionRequestTest.JSON_CELL_7));
    }
}
