package org.diego.cell.garden;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A tiny HTTP/1.0 server for the contract's net-in test on the process backend, whose host may have no
 * busybox: it listens on {@code $PORT} and answers every request with {@code args[0]}. Run as a
 * container process, so destroying the container is what stops it.
 */
public final class TcpGreeter {
    private TcpGreeter() {
    }

    public static void main(String[] args) throws IOException {
        byte[] body = (args[0] + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.0 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (ServerSocket server = new ServerSocket(Integer.parseInt(System.getenv("PORT")))) {
            while (true) {
                try (Socket client = server.accept()) {
                    client.setSoTimeout(2000);
                    skipRequestHead(client.getInputStream());
                    OutputStream out = client.getOutputStream();
                    out.write(head);
                    out.write(body);
                    out.flush();
                } catch (IOException e) {
                    // one bad client does not stop the server
                }
            }
        }
    }

    /** Reads up to the blank line that ends the request head, so closing does not reset the connection. */
    private static void skipRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b = in.read(); b >= 0; b = in.read()) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == end.length) {
                return;
            }
        }
    }
}
