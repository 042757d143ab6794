package org.diego.cell.executor.transfer;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server for transfer tests: serves blobs with optional ETag/Last-Modified (answering 304
 * to a matching conditional GET), and records every request with its headers and body.
 */
public final class FileServer implements AutoCloseable {
    /** What was asked: method, path, request headers and the body received. */
    public record Request(String method, String path, Headers headers, byte[] body) {
    }

    private record Blob(int status, byte[] body, String etag, String lastModified) {
    }

    private final HttpServer server;
    private final Map<String, Blob> blobs = new ConcurrentHashMap<>();
    public final List<Request> requests = new CopyOnWriteArrayList<>();

    public FileServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestHeaders(), body));
            Blob blob = blobs.get(path);
            if (blob == null) {
                exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 200 : 404, -1);
            } else if (blob.etag != null && blob.etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))
                    || blob.lastModified != null
                    && blob.lastModified.equals(exchange.getRequestHeaders().getFirst("If-Modified-Since"))) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                if (blob.etag != null) {
                    exchange.getResponseHeaders().add("ETag", blob.etag);
                }
                if (blob.lastModified != null) {
                    exchange.getResponseHeaders().add("Last-Modified", blob.lastModified);
                }
                exchange.sendResponseHeaders(blob.status, blob.body.length == 0 ? -1 : blob.body.length);
                exchange.getResponseBody().write(blob.body);
            }
            exchange.close();
        });
        server.start();
    }

    public void serve(String path, byte[] body, String etag, String lastModified) {
        blobs.put(path, new Blob(200, body, etag, lastModified));
    }

    public void answer(String path, int status) {
        blobs.put(path, new Blob(status, new byte[0], null, null));
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public long gets(String path) {
        return requests.stream().filter(r -> r.method().equals("GET") && r.path().equals(path)).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
