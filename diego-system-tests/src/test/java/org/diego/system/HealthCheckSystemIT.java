package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Health checks on real cells (issue 7): an instance is RUNNING only once its startup check passes, one
 * whose check never passes crashes after its start timeout, and readiness checks decide {@code routable}.
 * The cells probe from the host (the process backend shares its network), so a check on container port
 * 8080 reaches the host port mapped to it, which is the app's {@code PORT}. The HTTP server is busybox
 * httpd; without busybox on the host those tests are skipped (the TCP one needs nothing).
 */
class HealthCheckSystemIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String API = Cluster.apis().get(0);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FOREVER = "while true; do sleep 1; done";

    private static String desire(String guid, String action, String extra) {
        return """
                {"desired_lrp": {"process_guid": "%s", "domain": "health-it", "rootfs": "preloaded:cflinuxfs4",
                 "instances": 1, "memory_mb": 64, "disk_mb": 64, "ports": [8080], %s
                 "action": {"run": {"path": "/bin/sh", "args": ["-c", %s]}}}}
                """.formatted(guid, extra, quote(action));
    }

    private static void remove(String guid) {
        Cluster.post(API, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}");
    }

    private static void desireOk(String body) {
        JsonNode desired = Cluster.post(API, "/v1/desired_lrp/desire.r2", body).json();
        assertFalse(desired.has("error"), desired.toString());
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean busybox() {
        return Files.isExecutable(Path.of("/usr/bin/busybox")) || Files.isExecutable(Path.of("/bin/busybox"));
    }

    /** busybox httpd serving {@code www/} on the app's port, after creating the given files. */
    private static String httpd(String setup) {
        return "mkdir -p www; echo ok > www/index.html; " + setup + " exec busybox httpd -f -p $PORT -h www";
    }

    @Test
    void aTcpCheckOnAPortNobodyListensOnNeverRunsAndCrashesAfterTheStartTimeout() {
        String guid = "health-never-" + System.currentTimeMillis();
        desireOk(desire(guid, FOREVER, """
                "start_timeout_ms": 4000,
                "check_definition": {"checks": [{"tcp_check": {"port": 8080, "connect_timeout_ms": 500}}]},"""));
        try {
            List<String> states = new ArrayList<>();
            Instant deadline = Instant.now().plus(PATIENCE);
            JsonNode crashed = null;
            while (Instant.now().isBefore(deadline) && crashed == null) {
                JsonNode a = Lrps.instance(API, guid, 0);
                states.add(a.path("state").asText());
                if (a.path("crash_count").asInt() >= 1) {
                    crashed = a;
                }
                Cluster.sleep(250);
            }
            assertTrue(crashed != null, "no crash within " + PATIENCE + ": " + states);
            assertFalse(states.contains("RUNNING"), "never RUNNING: " + states);
            String reason = crashed.path("crash_reason").asText();
            // The elapsed time is measured, so it reads "4s" or a little more ("4.002s"), as Go prints it.
            assertTrue(reason.matches("Instance never healthy after 4(\\.\\d+)?s: Timed out after 4s \\(.*"), reason);
            assertTrue(reason.contains("waiting for startup check to succeed: failed to make TCP connection to"), reason);
        } finally {
            remove(guid);
        }
    }

    @Test
    void anHttpCheckThatPassesMakesTheInstanceRunning() {
        Assumptions.assumeTrue(busybox(), "busybox httpd is needed on the cells' host");
        String guid = "health-http-" + System.currentTimeMillis();
        desireOk(desire(guid, httpd(""), """
                "start_timeout_ms": 30000,
                "check_definition": {"checks": [{"http_check": {"port": 8080, "path": "/index.html"}}]},"""));
        try {
            Cluster.await(guid + " RUNNING", PATIENCE, () -> Lrps.allRunning(API, guid, 1), () -> Lrps.actuals(API, guid));
            Cluster.sleep(3000);
            JsonNode a = Lrps.instance(API, guid, 0);
            assertTrue("RUNNING".equals(a.path("state").asText()) && a.path("crash_count").asInt() == 0, a.toString());
        } finally {
            remove(guid);
        }
    }

    @Test
    void aLegacyMonitorGatesRunningToo() {
        Assumptions.assumeTrue(busybox(), "busybox wget and httpd are needed on the cells' host");
        String guid = "health-monitor-" + System.currentTimeMillis();
        String monitor = "busybox wget -q -O /dev/null http://127.0.0.1:$PORT/index.html";
        desireOk(desire(guid, httpd("sleep 3;"), """
                "start_timeout_ms": 30000,
                "monitor": {"run": {"path": "/bin/sh", "args": ["-c", %s]}},""".formatted(quote(monitor))));
        try {
            Cluster.await(guid + " RUNNING", PATIENCE, () -> Lrps.allRunning(API, guid, 1), () -> Lrps.actuals(API, guid));
        } finally {
            remove(guid);
        }
    }

    @Test
    void readinessChecksMakeARunningInstanceRoutableOnlyWhenReady() {
        Assumptions.assumeTrue(busybox(), "busybox httpd is needed on the cells' host");
        String guid = "health-ready-" + System.currentTimeMillis();
        desireOk(desire(guid, "mkdir -p www; (sleep 6; echo ok > www/ready.html) & "
                + "exec busybox httpd -f -p $PORT -h www", """
                "check_definition": {"readiness_checks": [{"http_check": {"port": 8080, "path": "/ready.html",
                                                             "interval_ms": 1000}}]},"""));
        try {
            Cluster.await(guid + " RUNNING", PATIENCE, () -> Lrps.allRunning(API, guid, 1), () -> Lrps.actuals(API, guid));
            JsonNode early = Lrps.instance(API, guid, 0);
            assertFalse(early.path("routable").asBoolean(), "not ready yet: " + early);
            Cluster.await(guid + " routable", PATIENCE, () -> Lrps.instance(API, guid, 0).path("routable").asBoolean(),
                    () -> Lrps.actuals(API, guid));
        } finally {
            remove(guid);
        }
    }
}
