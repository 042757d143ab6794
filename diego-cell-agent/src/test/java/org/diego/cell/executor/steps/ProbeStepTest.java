package org.diego.cell.executor.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.diego.cell.garden.ContainerInfo;
import org.diego.core.model.PortMapping;
import org.junit.jupiter.api.Test;

/** The agent's own tcp and http probes, against local listeners. */
class ProbeStepTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final ContainerInfo HOST_NETWORK = new ContainerInfo("c1", Path.of("/tmp"), "127.0.0.1",
            "127.0.0.1", List.of());

    private static StepError await(Step step) throws Exception {
        CompletableFuture<Void> done = step.perform();
        try {
            done.get(5, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return StepError.of(e);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void tcpPassesWhenSomethingListensAndSaysWhyNotOtherwise() throws Exception {
        try (ServerSocket listening = new ServerSocket(0)) {
            assertNull(await(ProbeStep.tcp(HOST_NETWORK, listening.getLocalPort(), TIMEOUT, StepSettings.sharedIo())));
        }
        int closed = freePort();
        StepError refused = await(ProbeStep.tcp(HOST_NETWORK, closed, TIMEOUT, StepSettings.sharedIo()));

        assertEquals("failed to make TCP connection to 127.0.0.1:" + closed + ": dial tcp 127.0.0.1:" + closed
                + ": connect: connection refused", refused.getMessage());
    }

    @Test
    void httpPassesOnlyOn200() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/healthy", e -> {
            e.sendResponseHeaders(200, -1);
            e.close();
        });
        server.createContext("/sick", e -> {
            e.sendResponseHeaders(503, -1);
            e.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        try {
            assertNull(await(ProbeStep.http(StepSettings.sharedHttpClient(), HOST_NETWORK, port, "/healthy", TIMEOUT,
                    StepSettings.sharedIo())));
            StepError sick = await(ProbeStep.http(StepSettings.sharedHttpClient(), HOST_NETWORK, port, "/sick", TIMEOUT,
                    StepSettings.sharedIo()));
            assertTrue(sick.getMessage().matches("failed to make HTTP request to '/sick' on port " + port
                    + ": received status code 503 in \\d+ms"), sick.getMessage());
        } finally {
            server.stop(0);
        }
        StepError refused = await(ProbeStep.http(StepSettings.sharedHttpClient(), HOST_NETWORK, port, "/", TIMEOUT,
                StepSettings.sharedIo()));
        assertEquals("failed to make HTTP request to '/' on port " + port + ": connection refused", refused.getMessage());
    }

    @Test
    void aContainerOnTheHostNetworkIsProbedOnTheMappedHostPort() {
        ContainerInfo shared = new ContainerInfo("c1", Path.of("/tmp"), "10.0.0.5", "10.0.0.5",
                List.of(new PortMapping(8080, 61001)));
        ContainerInfo own = new ContainerInfo("c1", Path.of("/tmp"), "10.0.0.5", "10.254.0.2",
                List.of(new PortMapping(8080, 61001)));

        assertEquals(new InetSocketAddress("10.0.0.5", 61001), ProbeStep.address(shared, 8080));
        assertEquals(new InetSocketAddress("10.0.0.5", 9090), ProbeStep.address(shared, 9090), "unmapped: as is");
        assertEquals(new InetSocketAddress("10.254.0.2", 8080), ProbeStep.address(own, 8080));
    }
}
