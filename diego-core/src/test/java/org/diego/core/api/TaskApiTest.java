package org.diego.core.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.diego.core.json.Json;
import org.diego.core.model.DiegoError;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.model.Task;
import org.diego.core.model.TaskSamples;
import org.diego.core.model.TaskState;
import org.diego.core.model.ValidationException;
import org.diego.core.wire.WireMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The task request and response records: Diego's JSON names, validation naming the field, wire names. */
class TaskApiTest {
    static final List<Class<? extends Record>> MESSAGES = List.of(DesireTaskRequest.class, TaskLifecycleResponse.class,
            TasksRequest.class, TasksResponse.class, TaskByGuidRequest.class, TaskResponse.class,
            StartTaskRequest.class, StartTaskResponse.class, TaskGuidRequest.class, FailTaskRequest.class,
            RejectTaskRequest.class, CompleteTaskRequest.class, TaskCallbackResponse.class);

    @Test
    void everyMessageNamesItsDiegoMessageAndResponsesStartWithTheError() {
        for (Class<? extends Record> c : MESSAGES) {
            WireMessage wire = c.getAnnotation(WireMessage.class);
            assertNotNull(wire, c.getSimpleName());
            assertEquals(c.getSimpleName(), wire.value(), "record named as Diego's message");
            if (c.getSimpleName().endsWith("Response") && c != TaskCallbackResponse.class) {
                assertEquals("error", c.getRecordComponents()[0].getName(), c.getSimpleName());
                assertEquals(DiegoError.class, c.getRecordComponents()[0].getType());
            }
        }
    }

    @Test
    void desireRequestDecodesDiegosJson() {
        DesireTaskRequest r = Json.read("""
                {"task_guid": "t-1", "domain": "cf-tasks", "task_definition": {
                  "rootfs": "preloaded:cflinuxfs4", "memory_mb": 256, "disk_mb": 1024, "cpu_weight": 50,
                  "privileged": true, "log_guid": "app", "log_source": "TASK", "result_file": "/tmp/r",
                  "completion_callback_url": "http://cc/done", "annotation": "a", "placement_tags": ["x"],
                  "max_pids": 10, "image_username": "u", "image_password": "p", "legacy_download_user": "vcap",
                  "env": [{"name": "K", "value": "V"}],
                  "action": {"run": {"path": "/bin/true", "user": "vcap"}},
                  "egress_rules": [{"protocol": "all", "destinations": ["0.0.0.0/0"]}],
                  "volume_mounts": [{"driver": "nfsdriver", "container_dir": "/data", "mode": "r"}]}}
                """, DesireTaskRequest.class).validate();
        var d = r.taskDefinition();
        assertEquals("t-1", r.taskGuid());
        assertEquals(256, d.memoryMb());
        assertEquals(50, d.cpuWeight());
        assertTrue(d.privileged());
        assertEquals("http://cc/done", d.completionCallbackUrl());
        assertEquals(List.of("x"), d.placementTags());
        assertEquals("vcap", d.legacyDownloadUser());
        assertEquals("/bin/true", d.action().run().path());
        assertEquals("all", d.egressRules().get(0).protocol());
        assertEquals(List.of("nfsdriver"), d.volumePlacement().driverNames());
        Task t = r.toTask(7);
        assertEquals(TaskState.Pending, t.state());
        assertEquals(7, t.createdAt());
    }

    @Test
    void taskJsonFlattensTheDefinitionAndSpellsTheStateByName() {
        Task t = TaskSamples.in(TaskState.Running);
        String json = Json.write(t);
        assertTrue(json.startsWith("{\"rootfs\":\"preloaded:cflinuxfs4\""), json);
        assertTrue(json.contains("\"state\":\"Running\""), json);
        assertTrue(json.contains("\"cell_id\":\"cell-a\""), json);
        assertTrue(json.contains("\"memory_mb\":128"), json);
        assertFalse(json.contains("task_definition"), json);
        assertEquals(t, Json.read(json, Task.class));
    }

    @Test
    void omitEmptyFieldsAreLeftOutLikeDiegos() {
        String json = Json.write(Task.pending(new org.diego.core.model.TaskDefinition("preloaded:x", null, null, 0, 0,
                0, false, null, null, null, null, null, null, null, null, 0, null, null), "g", "d", 1));
        for (String omitted : List.of("\"env\"", "completion_callback_url", "annotation", "placement_tags",
                "legacy_download_user", "\"action\"", "egress_rules", "cached_dependencies",
                "trusted_system_certificates_path", "volume_mounts", "network", "certificate_properties",
                "image_layers", "log_rate_limit", "metric_tags", "volume_mounted_files")) {
            assertFalse(json.contains(omitted), omitted + " in " + json);
        }
        for (String kept : List.of("\"cell_id\":\"\"", "\"result\":\"\"", "\"failed\":false", "\"log_guid\":\"\"",
                "\"first_completed_at\":0", "\"rejection_count\":0")) {
            assertTrue(json.contains(kept), kept + " missing from " + json);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"state\": 1}", "{\"state\": \"PENDING\"}", "{\"state\": \"bogus\"}"})
    void stateOnlyByDiegosName(String json) {
        DiegoException e = assertThrows(DiegoException.class, () -> Json.read(json, Task.class));
        assertEquals(ErrorType.InvalidJSON, e.type());
    }

    @Test
    void callbackBodyIsDiegosTaskCallbackResponse() {
        Task done = TaskSamples.in(TaskState.Completed);
        assertEquals("{\"task_guid\":\"task-guid_1\",\"failed\":true,\"failure_reason\":\"boom\",\"result\":\"out\","
                + "\"annotation\":\"note\",\"created_at\":" + TaskSamples.T0 + "}", Json.write(TaskCallbackResponse.of(done)));
        TaskCallbackResponse noNote = new TaskCallbackResponse("g", false, "", "r", "", 5);
        assertEquals("{\"task_guid\":\"g\",\"failed\":false,\"failure_reason\":\"\",\"result\":\"r\",\"created_at\":5}",
                Json.write(noNote));
    }

    @Test
    void responsesOmitTheErrorWhenOk() {
        assertEquals("{}", Json.write(TaskLifecycleResponse.OK));
        assertEquals("{\"should_start\":true}", Json.write(StartTaskResponse.of(true)));
        assertEquals("{\"tasks\":[]}", Json.write(TasksResponse.of(List.of())));
        assertEquals("{\"error\":{\"type\":\"ResourceNotFound\",\"message\":\"m\"}}",
                Json.write(new TaskResponse(new DiegoError(ErrorType.ResourceNotFound, "m"), null)));
        assertEquals("{\"domain\":\"d\",\"cell_id\":\"c\"}", Json.write(new TasksRequest("d", "c")));
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("task_guid", (Runnable) () -> new DesireTaskRequest(TaskSamples.definition(), "a b", "d").validate()),
                Arguments.of("domain", (Runnable) () -> new DesireTaskRequest(TaskSamples.definition(), "g", "").validate()),
                Arguments.of("task_definition", (Runnable) () -> new DesireTaskRequest(null, "g", "d").validate()),
                Arguments.of("rootfs", (Runnable) () -> new DesireTaskRequest(new org.diego.core.model.TaskDefinition(
                        null, null, null, 0, 0, 0, false, null, null, null, null, null, null, null, null, 0, null, null),
                        "g", "d").validate()),
                Arguments.of("task_guid", (Runnable) () -> new TaskByGuidRequest("").validate()),
                Arguments.of("task_guid", (Runnable) () -> new TaskGuidRequest(null).validate()),
                Arguments.of("task_guid", (Runnable) () -> new StartTaskRequest("bad/guid", "c").validate()),
                Arguments.of("cell_id", (Runnable) () -> new StartTaskRequest("g", "").validate()),
                Arguments.of("task_guid", (Runnable) () -> new FailTaskRequest("", "r").validate()),
                Arguments.of("failure_reason", (Runnable) () -> new FailTaskRequest("g", "").validate()),
                Arguments.of("task_guid", (Runnable) () -> new RejectTaskRequest(" ", "r").validate()),
                Arguments.of("rejection_reason", (Runnable) () -> new RejectTaskRequest("g", null).validate()),
                Arguments.of("task_guid", (Runnable) () -> new CompleteTaskRequest("", "c", false, "", "").validate()),
                Arguments.of("cell_id", (Runnable) () -> new CompleteTaskRequest("g", null, false, "", "").validate()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestNamesTheField(String field, Runnable validate) {
        ValidationException e = assertThrows(ValidationException.class, validate::run);
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(field));
    }

    @Test
    void goodRequestsPass() {
        assertDoesNotThrow(() -> {
            new DesireTaskRequest(TaskSamples.definition(), "g", "d").validate();
            new TasksRequest(null, null).validate();
            new TaskByGuidRequest("any thing").validate();
            new TaskGuidRequest("g").validate();
            new StartTaskRequest("g", "c").validate();
            new FailTaskRequest("g", "r").validate();
            new RejectTaskRequest("g", "r").validate();
            new CompleteTaskRequest("g", "c", true, "", "").validate();
        });
    }
}
