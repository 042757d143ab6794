package org.diego.ejb.tasks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@link CallbackClient} over java.net.http; one timeout bounds the connect and the whole exchange. */
public final class JdkCallbackClient implements CallbackClient {
    private final HttpClient http;
    private final Duration timeout;

    public JdkCallbackClient(Duration timeout) {
        this.timeout = timeout;
        // HTTP/1.1 like Go's client: receivers such as Cloud Controller do not speak h2c.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public int post(String url, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
