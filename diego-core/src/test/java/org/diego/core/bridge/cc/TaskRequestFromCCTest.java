package org.diego.core.bridge.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.diego.core.json.Json;
import org.diego.core.model.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** CC's task request: CC's names, and the lifecycle rules of Diego's task recipes. */
class TaskRequestFromCCTest {
    static final String FULL = """
            {"task_guid": "t-1", "log_guid": "app", "memory_mb": 64, "disk_mb": 128, "lifecycle": "buildpack",
             "environment": [{"name": "A", "value": "1"}], "droplet_uri": "http://cc/d", "droplet_hash": "h",
             "docker_path": "", "rootfs": "cflinuxfs4", "completion_callback": "http://cc/done",
             "command": "rake db:migrate", "log_source": "APP/TASK/x", "volume_mounts": [], "isolation_segment": "s"}
            """;

    @Test
    void readsCcsNames() {
        TaskRequestFromCC t = Json.read(FULL, TaskRequestFromCC.class).validate();
        assertEquals("t-1", t.taskGuid());
        assertEquals("http://cc/done", t.completionCallback());
        assertEquals("cflinuxfs4", t.rootfs());
        assertEquals("rake db:migrate", t.command());
        assertEquals("APP/TASK/x", t.logSource());
        assertEquals("s", t.isolationSegment());
        assertEquals("h", t.dropletHash());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", value = {
            "task_guid,      null, buildpack, http://d, null,    cmd",
            "lifecycle,      t,    windows,   http://d, null,    cmd",
            "lifecycle,      t,    null,      http://d, null,    cmd",
            "droplet_uri,    t,    buildpack, null,     null,    cmd",
            "docker_path,    t,    buildpack, http://d, busybox, cmd",
            "docker_path,    t,    docker,    null,     null,    cmd",
            "droplet_uri,    t,    docker,    http://d, busybox, cmd",
            "command,        t,    docker,    null,     busybox, null"})
    void badInputNamesTheField(String field, String guid, String lifecycle, String droplet, String docker, String cmd) {
        TaskRequestFromCC t = new TaskRequestFromCC(guid, "", 1, 1, lifecycle, null, null, droplet, null, docker,
                null, null, "cflinuxfs4", null, cmd, null, null, null);
        ValidationException e = assertThrows(ValidationException.class, t::validate);
        assertEquals(field, e.field(), e.getMessage());
    }
}
