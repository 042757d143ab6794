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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
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
 * from the busybox image {@code ./diego up} puts beside the rootfs (a docker-archive on disk, no registry); a
 * task's disk limit holds what it writes. Skipped where the cell fell back to processes (no root, runc or
 * busybox-static).
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
            // The memory cgroup the app's process runs in carries the LRP's limit (cgroup v1, as on these
            // hosts). Found through the process: a container taken warm keeps the cgroup it was made in.
            if (Files.exists(Path.of("/sys/fs/cgroup/memory"))) {
                long pid = Cluster.processOf(a.path("instance_guid").asText()).orElseThrow().pid();
                String cgroup = Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup")).stream()
                        .filter(l -> l.matches("\\d+:memory:.*")).findFirst().orElseThrow().split(":", 3)[2];
                Path limit = Path.of("/sys/fs/cgroup/memory", cgroup, "memory.limit_in_bytes");
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

    /**
     * A relative result file is read from the home of the user whose process wrote it: vcap's with
     * {@code user: vcap}, root's when the run action names no user (it then runs as root).
     */
    @Test
    void aTasksRelativeResultFileIsReadWhereItsProcessWroteIt() throws Exception {
        for (String user : new String[] {"vcap", ""}) {
            String guid = "runc-result-" + (user.isEmpty() ? "nouser" : user) + "-" + RUN;
            String result = runTask(guid, 32, "echo made-by-$USER > result.txt", user);
            assertEquals("made-by-" + (user.isEmpty() ? "root" : user) + "\n", result);
        }
    }

    /**
     * A task's {@code disk_mb} holds on a runc cell: its writable layer is a filesystem of that size, so it
     * can write within the limit and a write past it fails with ENOSPC, as in Garden.
     */
    @Test
    void aTasksDiskLimitHoldsWhatItWrites() throws Exception {
        String result = runTask("runc-disk-" + RUN, 16,
                "dd if=/dev/zero of=fill bs=1M count=8 2>/dev/null && echo wrote-8 > note; "
                        + "dd if=/dev/zero of=big bs=1M count=32 2>err; s=$?; rm -f big fill; "
                        + "echo \"$(cat note) past-limit-status=$s $(grep -o 'No space left on device' err)\" > result.txt",
                "vcap");
        assertEquals("wrote-8 past-limit-status=1 No space left on device\n", result);
    }

    /**
     * Runs {@code script} with sh as {@code user} (none: no user in the run action) in a task placed on the
     * runc cell by its tag, with {@code diskMb}; the result file {@code result.txt} of the task, which must
     * succeed. The task is resolved and deleted afterwards.
     */
    private static String runTask(String guid, int diskMb, String script, String user) throws Exception {
        String definition = """
                {"rootfs": "preloaded:cflinuxfs4", "memory_mb": 32, "disk_mb": %d, "placement_tags": ["runc"],
                 "result_file": "result.txt",
                 "action": {"run": {"path": "/bin/sh", "args": ["-c", %s]%s}}}
                """.formatted(diskMb, JSON.writeValueAsString(script),
                user.isEmpty() ? "" : ", \"user\": \"" + user + "\"");
        JsonNode desired = Cluster.post(API, "/v1/tasks/desire.r2", "{\"task_guid\": \"" + guid
                + "\", \"domain\": \"runc-it\", \"task_definition\": " + definition + "}").json();
        assertFalse(desired.has("error") && !desired.path("error").isNull(), desired.toString());
        String get = "{\"task_guid\": \"" + guid + "\"}";
        try {
            Cluster.await(guid + " Completed", PATIENCE, () -> "Completed".equals(
                    Cluster.post(API, "/v1/tasks/get_by_task_guid.r3", get).json().path("task").path("state").asText()),
                    () -> Cluster.post(API, "/v1/tasks/get_by_task_guid.r3", get).body());
            JsonNode task = Cluster.post(API, "/v1/tasks/get_by_task_guid.r3", get).json().path("task");
            assertFalse(task.path("failed").asBoolean(), task.toString());
            return task.path("result").asText();
        } finally {
            Cluster.post(API, "/v1/tasks/resolving", get);
            Cluster.post(API, "/v1/tasks/delete", get);
        }
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
