package org.diego.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.diego.core.api.PingResponse;
import org.diego.core.json.Json;
import org.diego.core.model.CellPresence;
import org.diego.core.model.ValidationException;
import org.diego.core.wire.proto.CellsProto;
import org.diego.core.wire.proto.DomainProto;
import org.diego.core.wire.proto.ErrorProto;
import org.diego.core.wire.proto.PingProto;
import org.diego.ejb.bbs.Cells;
import org.diego.ejb.bbs.Domains;
import org.diego.web.wire.RequestLimit;
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
 * The converted resources, the wire providers, filters and error mappers together in a real JAX-RS
 * runtime (Jersey on a loopback port), called over HTTP as Diego's client and curl would.
 */
class WireApiTest {
    static final String PROTOBUF = "application/x-protobuf";
    static final int LIMIT = 1024;
    static final List<String> UPSERTS = new ArrayList<>();
    static HttpServer server;
    static URI base;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Faults a bean can raise, to check how each is reported. */
    @Path("/test")
    @Produces({MediaType.APPLICATION_JSON, PROTOBUF})
    public static class Faults {
        @POST
        @Path("wrapped-refusal")
        public PingResponse wrappedRefusal() {
            throw new EJBException(new ValidationException("domain", "is required"));
        }

        @POST
        @Path("bug")
        public PingResponse bug() {
            throw new IllegalStateException("broken invariant");
        }

        @POST
        @Path("wrapped-bug")
        public PingResponse wrappedBug() {
            throw new EJBException(new IllegalStateException("broken in a bean"));
        }
    }

    @BeforeAll
    static void start() {
        Domains domains = new Domains() {
            @Override
            public void upsert(String name, long ttlSeconds) {
                UPSERTS.add(name + "=" + ttlSeconds);
            }

            @Override
            public List<String> fresh() {
                return List.of("cf-apps", "cf-tasks");
            }
        };
        Cells cells = new Cells() {
            @Override
            public List<CellPresence> live() {
                return List.of(new CellPresence("cell-1", "http://10.0.0.1:1800", "z1",
                        new CellPresence.CellCapacity(1024, 2048, 10),
                        List.of(new CellPresence.RootfsProvider("preloaded", List.of("cflinuxfs4"))),
                        List.of(), List.of(), "https://cell-1:1801"));
            }
        };
        ResourceConfig config = new ResourceConfig()
                .register(PingResource.class).register(DomainResource.class).register(CellResource.class)
                .register(Faults.class)
                .register(new AbstractBinder() {
                    @Override
                    protected void configure() {
                        bind(domains).to(Domains.class);
                        bind(cells).to(Cells.class);
                    }
                })
                .register(new WireBodyReader(new RequestLimit(LIMIT))).register(WireBodyWriter.class)
                .register(RequestTypeFilter.class).register(ResponseTypeFilter.class)
                .register(ErrorMappers.Refused.class).register(ErrorMappers.Routing.class)
                .register(ErrorMappers.Wrapped.class).register(ErrorMappers.Unexpected.class);
        server = JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), config);
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @BeforeEach
    void clear() {
        UPSERTS.clear();
    }

    static HttpResponse<byte[]> post(String path, String contentType, String accept, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static String type(HttpResponse<byte[]> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---- negotiation -----------------------------------------------------------------------------------

    @Test
    void aBareRequestGetsJson() throws Exception {
        HttpResponse<byte[]> r = post("/v1/ping", null, null, null);
        assertEquals(200, r.statusCode());
        assertTrue(type(r).startsWith(MediaType.APPLICATION_JSON), type(r));
        assertEquals(Json.readTree("{\"available\": true}"), Json.readTree(text(r)));
    }

    @Test
    void diegosClientSendsOnlyAProtobufContentTypeAndGetsProtobuf() throws Exception {
        HttpResponse<byte[]> r = post("/v1/ping", PROTOBUF, null, new byte[0]);
        assertEquals(200, r.statusCode());
        assertEquals(PROTOBUF, type(r));
        assertTrue(PingProto.PingResponse.parseFrom(r.body()).getAvailable());
    }

    @Test
    void anAcceptNamingOneTypeWins() throws Exception {
        assertEquals(PROTOBUF, type(post("/v1/domains/list", MediaType.APPLICATION_JSON, PROTOBUF, null)));
        assertTrue(type(post("/v1/domains/list", PROTOBUF, MediaType.APPLICATION_JSON, null))
                .startsWith(MediaType.APPLICATION_JSON));
        assertEquals(PROTOBUF, type(post("/v1/domains/list", PROTOBUF,
                MediaType.APPLICATION_JSON + ", " + PROTOBUF, null)), "both named: the content type decides");
        assertEquals(PROTOBUF, type(post("/v1/domains/list", PROTOBUF, "*/*", null)));
    }

    // ---- the converted resources ------------------------------------------------------------------------

    @Test
    void domainsListInBothFormats() throws Exception {
        assertEquals(Json.readTree("{\"domains\": [\"cf-apps\", \"cf-tasks\"]}"),
                Json.readTree(text(post("/v1/domains/list", null, null, null))));
        DomainProto.DomainsResponse proto = DomainProto.DomainsResponse.parseFrom(
                post("/v1/domains/list", PROTOBUF, null, null).body());
        assertEquals(List.of("cf-apps", "cf-tasks"), proto.getDomainsList());
        assertFalse(proto.hasError());
    }

    @Test
    void upsertAcceptsCurlsFormContentTypeAsJson() throws Exception {
        HttpResponse<byte[]> r = post("/v1/domains/upsert", "application/x-www-form-urlencoded", null,
                utf8("{\"domain\": \"cf-apps\", \"ttl\": 120}"));
        assertEquals(200, r.statusCode());
        assertEquals("{}", text(r));
        assertEquals(List.of("cf-apps=120"), UPSERTS);
    }

    @Test
    void upsertFromTheGeneratedProtobufClass() throws Exception {
        byte[] body = DomainProto.UpsertDomainRequest.newBuilder().setDomain("cf-tasks").setTtl(0).build().toByteArray();
        HttpResponse<byte[]> r = post("/v1/domains/upsert", PROTOBUF, null, body);
        assertEquals(PROTOBUF, type(r));
        assertFalse(DomainProto.UpsertDomainResponse.parseFrom(r.body()).hasError());
        assertEquals(List.of("cf-tasks=0"), UPSERTS);
    }

    @Test
    void cellsListAsDiegosCellPresences() throws Exception {
        CellsProto.CellsResponse proto = CellsProto.CellsResponse.parseFrom(post("/v1/cells/list.r1", PROTOBUF, null, null).body());
        assertEquals("cell-1", proto.getCells(0).getCellId());
        assertEquals("cflinuxfs4", proto.getCells(0).getRootfsProviders(0).getProperties(0));
        String json = text(post("/v1/cells/list.r1", null, null, null));
        assertTrue(json.contains("\"rootfs_provider_list\":[{\"name\":\"preloaded\""), json);
    }

    // ---- errors -------------------------------------------------------------------------------------------

    static ErrorProto.Error protoError(HttpResponse<byte[]> r) throws Exception {
        assertEquals(PROTOBUF, type(r));
        return DomainProto.UpsertDomainResponse.parseFrom(r.body()).getError();
    }

    static String jsonErrorType(HttpResponse<byte[]> r) {
        return Json.readTree(text(r)).path("error").path("type").asText();
    }

    @Test
    void validationRefusalsAre200WithTheErrorInBothFormats() throws Exception {
        HttpResponse<byte[]> json = post("/v1/domains/upsert", MediaType.APPLICATION_JSON, null,
                utf8("{\"domain\": \"cf-apps\", \"ttl\": 4294967296}"));
        assertEquals(200, json.statusCode());
        assertEquals("InvalidRequest", jsonErrorType(json));
        assertTrue(text(json).contains("ttl"), text(json));

        HttpResponse<byte[]> proto = post("/v1/domains/upsert", PROTOBUF, null,
                DomainProto.UpsertDomainRequest.newBuilder().setTtl(5).build().toByteArray());
        assertEquals(200, proto.statusCode());
        ErrorProto.Error error = protoError(proto);
        assertEquals(ErrorProto.Error.Type.InvalidRequest, error.getType());
        assertTrue(error.getMessage().contains("domain"), error.getMessage());
        assertTrue(UPSERTS.isEmpty());
    }

    @Test
    void anEmptyBodyIsTheEmptyMessageInBothFormats() throws Exception {
        HttpResponse<byte[]> json = post("/v1/domains/upsert", null, null, null);
        assertEquals("InvalidRequest", jsonErrorType(json), "validated like {}, not refused as bad JSON");
        HttpResponse<byte[]> proto = post("/v1/domains/upsert", PROTOBUF, null, new byte[0]);
        assertEquals(ErrorProto.Error.Type.InvalidRequest, protoError(proto).getType());
        assertTrue(protoError(proto).getMessage().contains("domain"), protoError(proto).getMessage());
    }

    @Test
    void undecodableBodiesAreInvalidJsonOrInvalidProtobuf() throws Exception {
        assertEquals("InvalidJSON", jsonErrorType(post("/v1/domains/upsert", MediaType.APPLICATION_JSON, null,
                utf8("{\"domain\": 5}"))));
        assertEquals(ErrorProto.Error.Type.InvalidProtobufMessage,
                protoError(post("/v1/domains/upsert", PROTOBUF, null, new byte[] {0x0A, 0x05, 'a'})).getType());
    }

    @Test
    void refusalsWrappedByAnEjbAreStillRefusals() throws Exception {
        HttpResponse<byte[]> r = post("/test/wrapped-refusal", PROTOBUF, null, null);
        assertEquals(200, r.statusCode());
        assertEquals(ErrorProto.Error.Type.InvalidRequest, protoError(r).getType());
    }

    @Test
    void unexpectedFaultsAre500() throws Exception {
        HttpResponse<byte[]> r = post("/test/bug", null, null, null);
        assertEquals(500, r.statusCode());
        assertEquals("UnknownError", jsonErrorType(r));
        HttpResponse<byte[]> wrapped = post("/test/wrapped-bug", PROTOBUF, null, null);
        assertEquals(500, wrapped.statusCode());
        assertEquals(ErrorProto.Error.Type.UnknownError, protoError(wrapped).getType());
    }

    @Test
    void routingErrorsKeepTheirStatus() throws Exception {
        HttpResponse<byte[]> missing = post("/v1/nothing/here", null, null, null);
        assertEquals(404, missing.statusCode());
        assertEquals("ResourceNotFound", jsonErrorType(missing));
        HttpResponse<byte[]> missingProto = post("/v1/nothing/here", PROTOBUF, null, null);
        assertEquals(404, missingProto.statusCode());
        assertEquals(ErrorProto.Error.Type.ResourceNotFound, protoError(missingProto).getType());
        HttpResponse<byte[]> get = HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/ping")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(405, get.statusCode());
        assertEquals("InvalidRequest", jsonErrorType(get));
    }

    @Test
    void bodiesOverTheLimitAreRefused() throws Exception {
        byte[] big = utf8("{\"domain\": \"" + "x".repeat(LIMIT) + "\"}");
        HttpResponse<byte[]> sized = post("/v1/domains/upsert", MediaType.APPLICATION_JSON, null, big);
        assertEquals(200, sized.statusCode());
        assertEquals("InvalidRequest", jsonErrorType(sized));
        assertTrue(text(sized).contains("exceeds the limit of 1024 bytes"), text(sized));

        // Without a Content-Length (chunked), the body is refused while it is read.
        HttpResponse<byte[]> chunked = HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/domains/upsert"))
                .header("Content-Type", PROTOBUF)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[4 * LIMIT])))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, chunked.statusCode());
        assertEquals(ErrorProto.Error.Type.InvalidRequest, protoError(chunked).getType());
        assertTrue(UPSERTS.isEmpty());
    }
}
