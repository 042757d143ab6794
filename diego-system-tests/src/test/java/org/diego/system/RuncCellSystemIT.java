package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.diego.system.cc.BridgeHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Real containers on the real cluster (issue 7): {@code cell-3} of the system-test cluster runs the runc
 * backend with a busybox rootfs built by {@code ./diego up} and takes only work that asks for the placement
 * tag {@code runc}. An LRP with an HTTP health check runs in a runc container with its memory limit in its
 * own cgroup and answers on the host port the BBS reports; readiness checks decide {@code routable}; one that outgrows its memory crashes with
 * Diego's out-of-memory reason; a docker app desired through nsync (isolation segment {@code runc}) runs
 * from the busybox image {@code ./diego up} puts beside the rootfs (a docker-archive on disk, no registry). Skipped where the cell fell back to processes (no root, runc or busybox-static).
 */
class RuncCellSystemIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String CELL = "cell-3";
    private static final String API = Cluster.apis().get(0);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void runcCell() throws IOException {
        Path log = Cluster.STATE.resolve("logs").resolve(CELL + ".log");
        Assumptions.assumeTrue(Files.exists(log) && Files.readString(log).contains("runc backend: containers on"),
                CELL + " runs no runc backend on this host (see " + log + ")");
    }

    private static String desire(String guid, int memoryMb, String script, String extra) throws IOException {
        return """
                {"desired_lrp": {"process_guid": "%s", "domain": "runc-it", "rootfs": "preloaded:cflinuxfs4",
                 "instances": 1, "memory_mb": %d, "disk_mb": 64, "ports": [8080], "placement_tags": ["runc"], %s
                 "action": {"run": {"path": "/bin/sh", "args": ["-c", %s], "user": "vcap"}}}}
                """.formatted(guid, memoryMb, extra, JSON.writeValueAsString(script));
    }

    private static void desireOk(String body) {
        JsonNode desired = Cluster.post(API, "/v1/desired_lrp/desire.r2", body).json();
        assertFalse(desired.has("error") && !desired.path("error").isNull(), desired.toString());
    }

    private static void remove(String guid) {
        Cluster.post(API, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}");
    }

    @Test
    void anHttpCheckedLrpRunsInARuncContainerAndAnswersOnItsHostPort() throws Exception {
        String guid = "runc-http-" + RUN;
        desireOk(desire(guid, 64, "mkdir -p /tmp/www; echo runc-" + RUN + " > /tmp/www/index.html; "
                + "exec busybox httpd -f -p $PORT -h /tmp/www", """
                "start_timeout_ms": 30000,
                "check_definition": {"checks": [{"http_check": {"port": 8080, "path": "/index.html"}}]},"""));
        try {
            Cluster.await(guid + " RUNNING", PATIENCE, () -> Lrps.allRunning(API, guid, 1), () -> Lrps.actuals(API, guid));
            JsonNode a = Lrps.instance(API, guid, 0);
            assertEquals(CELL, a.path("cell_id").asText(), a.toString());
            assertEquals("runc-" + RUN + "\n", page(a));
            // The container's own memory cgroup carries the LRP's limit (cgroup v1, as on these hosts).
            if (Files.exists(Path.of("/sys/fs/cgroup/memory"))) {
                Path limit = memoryCgroupOf(a.path("instance_guid").asText()).resolve("memory.limit_in_bytes");
                assertEquals(64L << 20, Long.parseLong(Files.readString(limit).strip()), limit.toString());
            }
        } finally {
            remove(guid);
        }
    }

    @Test
    void readinessChecksToggleRoutableInARuncContainer() throws Exception {
        String guid = "runc-ready-" + RUN;
        desireOk(desire(guid, 64, "mkdir -p /tmp/www; (sleep 6; echo ok > /tmp/www/ready.html) & "
                + "exec busybox httpd -f -p $PORT -h /tmp/www", """
                "check_definition": {"readiness_checks": [{"http_check": {"port": 8080, "path": "/ready.html",
                                                             "interval_ms": 1000}}]},"""));
        try {
            Cluster.await(guid + " RUNNING", PATIENCE, () -> Lrps.allRunning(API, guid, 1), () -> Lrps.actuals(API, guid));
            JsonNode early = Lrps.instance(API, guid, 0);
            assertEquals(CELL, early.path("cell_id").asText(), early.toString());
            assertFalse(early.path("routable").asBoolean(), "not ready yet: " + early);
            Cluster.await(guid + " routable", PATIENCE, () -> Lrps.instance(API, guid, 0).path("routable").asBoolean(),
                    () -> Lrps.actuals(API, guid));
        } finally {
            remove(guid);
        }
    }

    @Test
    void aDockerAppFromNsyncRunsFromTheImageOnDisk() throws Exception {
        String guid = "runc-docker-" + RUN;
        BridgeHttp.Answer put = BridgeHttp.send("PUT", API + "/nsync/v1/apps/" + guid, """
                {"process_guid": "%s", "docker_image": "busybox", "num_instances": 1, "memory_mb": 64, "disk_mb": 64,
                 "start_command": "mkdir -p www; echo docker-%s > www/index.html; exec busybox httpd -f -p $PORT -h www",
                 "log_guid": "%s", "health_check_type": "port", "isolation_segment": "runc"}
                """.formatted(guid, RUN, guid));
        assertEquals(202, put.status(), put.body());
        try {
            Cluster.await(guid + " RUNNING", PATIENCE, () -> Lrps.allRunning(API, guid, 1), () -> Lrps.actuals(API, guid));
            JsonNode a = Lrps.instance(API, guid, 0);
            assertEquals(CELL, a.path("cell_id").asText(), a.toString());
            assertEquals("docker-" + RUN + "\n", page(a));
        } finally {
            BridgeHttp.send("DELETE", API + "/nsync/v1/apps/" + guid, null);
        }
    }

    /**
     * The v1 memory cgroup under {@code diego} that holds a process of the instance (its environment has the
     * instance's CF_INSTANCE_GUID). Not found by name: a container made from one of the cell's warm containers
     * keeps that one's neutral id ({@code warm-…}) for its cgroups.
     */
    private static Path memoryCgroupOf(String instanceGuid) throws IOException {
        String entry = "\0CF_INSTANCE_GUID=" + instanceGuid + "\0";
        List<Path> cgroups;
        try (Stream<Path> dirs = Files.list(Path.of("/sys/fs/cgroup/memory/diego"))) {
            cgroups = dirs.filter(Files::isDirectory).toList();
        }
        for (Path cgroup : cgroups) {
            for (String pid : Files.readAllLines(cgroup.resolve("cgroup.procs"))) {
                try {
                    String env = Files.readString(Path.of("/proc", pid.strip(), "environ"),
                            StandardCharsets.ISO_8859_1);
                    if (("\0" + env).contains(entry)) {
                        return cgroup;
                    }
                } catch (IOException gone) {
                    // the process ended meanwhile
                }
            }
        }
        throw new AssertionError("no memory cgroup under diego holds a process of instance " + instanceGuid);
    }

    /** The index page of an instance, from the host port mapped to its container port 8080. */
    private static String page(JsonNode instance) throws Exception {
        int hostPort = -1;
        for (JsonNode p : instance.path("ports")) {
            if (p.path("container_port").asInt() == 8080) {
                hostPort = p.path("host_port").asInt();
            }
        }
        assertTrue(hostPort > 0, instance.toString());
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + instance.path("address").asText()
                + ":" + hostPort + "/index.html")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        return page.body();
    }

    @Test
    void anInstanceThatOutgrowsItsMemoryCrashesOutOfMemory() throws Exception {
        String guid = "runc-oom-" + RUN;
        desireOk(desire(guid, 32, "x=$(head -c 128m /dev/zero | tr '\\0' a); echo survived; sleep 3600", ""));
        try {
            Cluster.await(guid + " crashed", PATIENCE, () -> Lrps.instance(API, guid, 0).path("crash_count").asInt() >= 1,
                    () -> Lrps.actuals(API, guid));
            String reason = Lrps.instance(API, guid, 0).path("crash_reason").asText();
            assertTrue(reason.endsWith("Exited with status 137 (out of memory)"), reason);
        } finally {
            remove(guid);
        }
    }
}
