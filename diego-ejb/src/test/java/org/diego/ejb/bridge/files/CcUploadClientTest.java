package org.diego.ejb.bridge.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.diego.core.model.ValidationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cc-uploader's client against a local stand-in for CC's upload and job endpoints. */
class CcUploadClientTest {
    @TempDir
    Path dir;
    private HttpServer cc;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger uploads = new AtomicInteger();
    private volatile int[] uploadStatuses = {201};
    private volatile String uploadReply = "";
    private volatile String[] jobReplies = {"{\"entity\":{\"status\":\"finished\"}}"};
    private final AtomicInteger polls = new AtomicInteger();
    private Path file;
    private String md5;

    @BeforeEach
    void setUp() throws Exception {
        cc = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        cc.createContext("/upload", this::upload);
        cc.createContext("/v2/jobs/", x -> {
            seen.add("poll " + x.getRequestHeaders().getFirst("Authorization"));
            String[] replies = jobReplies;
            reply(x, 200, replies[Math.min(polls.getAndIncrement(), replies.length - 1)]);
        });
        cc.start();
        file = dir.resolve("droplet.tgz");
        Files.writeString(file, "droplet-bytes");
        md5 = CcUploader.spool(new ByteArrayInputStream("droplet-bytes".getBytes(StandardCharsets.UTF_8)), dir.resolve("copy"));
    }

    @AfterEach
    void tearDown() {
        cc.stop(0);
    }

    private void upload(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(x.getRequestHeaders().getFirst("Content-Type") + "|" + x.getRequestHeaders().getFirst("Content-MD5") + "|"
                + x.getRequestHeaders().getFirst("Authorization") + "|" + body);
        int[] statuses = uploadStatuses;
        reply(x, statuses[Math.min(uploads.getAndIncrement(), statuses.length - 1)], uploadReply);
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            x.getResponseBody().write(b);
        }
        x.close();
    }

    private CcUploadClient.Outcome send(String userInfo) {
        Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
        CcUploadClient client = new CcUploadClient(HttpClient.newHttpClient(), d -> { }, clock, 3, Duration.ZERO);
        URI uri = URI.create("http://" + userInfo + "127.0.0.1:" + cc.getAddress().getPort() + "/upload?async=true");
        return client.upload(file, md5, uri, "upload[droplet]", "droplet.tgz", Duration.ofSeconds(5));
    }

    @Test
    void sendsMultipartWithContentMd5AndBasicAuth() {
        CcUploadClient.Outcome o = send("user:pa%20ss@");
        assertEquals(201, o.status(), o.message());
        String[] request = seen.get(0).split("\\|", 4);
        assertTrue(request[0].startsWith("multipart/form-data; boundary="), request[0]);
        assertEquals(md5, request[1]);
        assertEquals("Basic dXNlcjpwYSBzcw==", request[2]);
        assertTrue(request[3].contains("name=\"upload[droplet]\"; filename=\"droplet.tgz\""));
        assertTrue(request[3].contains("\r\n\r\ndroplet-bytes\r\n--"));
    }

    @Test
    void retriesServerErrorsButNotRefusals() {
        uploadStatuses = new int[] {500, 503, 201};
        assertEquals(201, send("").status());
        assertEquals(3, uploads.get());

        uploads.set(0);
        uploadStatuses = new int[] {500};
        assertEquals(500, send("").status());
        assertEquals(3, uploads.get());

        uploads.set(0);
        uploadStatuses = new int[] {422};
        assertEquals(422, send("").status());
        assertEquals(1, uploads.get());
    }

    @Test
    void pollsTheAsyncJobUntilFinishedOrFailed() {
        uploadReply = "{\"metadata\":{\"guid\":\"j\",\"url\":\"/v2/jobs/j\"},\"entity\":{\"status\":\"queued\"}}";
        jobReplies = new String[] {"{\"entity\":{\"status\":\"queued\"}}", "{\"entity\":{\"status\":\"running\"}}",
                "{\"entity\":{\"status\":\"finished\"}}"};
        assertEquals(201, send("u:p@").status());
        assertEquals(3, polls.get());
        assertTrue(seen.contains("poll Basic dTpw"), seen.toString());

        polls.set(0);
        jobReplies = new String[] {"{\"entity\":{\"status\":\"failed\"}}"};
        assertEquals(500, send("").status());
    }

    @Test
    void unreachableCcIsA500() {
        cc.stop(0);
        assertEquals(500, send("").status());
    }

    @Test
    void validatesTheQuery() {
        assertEquals("cc-droplet-upload-uri", assertThrows(ValidationException.class,
                () -> CcUploader.ccUri("cc-droplet-upload-uri", "")).field());
        assertThrows(ValidationException.class, () -> CcUploader.ccUri("k", "ftp://x/y"));
        assertThrows(ValidationException.class, () -> CcUploader.ccUri("k", "not a url"));
        assertEquals(300, CcUploader.timeoutSeconds(null));
        assertEquals(12, CcUploader.timeoutSeconds("12"));
        assertEquals("timeout", assertThrows(ValidationException.class, () -> CcUploader.timeoutSeconds("x")).field());
        assertThrows(ValidationException.class, () -> CcUploader.timeoutSeconds("0"));
    }
}
