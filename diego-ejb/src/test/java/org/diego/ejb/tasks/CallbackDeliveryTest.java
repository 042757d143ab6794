package org.diego.ejb.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.diego.core.api.TaskCallbackResponse;
import org.diego.core.json.Json;
import org.diego.core.model.Action;
import org.diego.core.model.DiegoException;
import org.diego.core.model.RunAction;
import org.diego.core.model.Task;
import org.diego.core.model.TaskDefinition;
import org.diego.core.model.TaskState;
import org.diego.core.time.Nanos;
import org.diego.ejb.tasks.CallbackDelivery.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Diego's HandleCompletedTask against a scripted HTTP client and an in-memory task store on a fixed clock. */
class CallbackDeliveryTest {
    static final String URL = "http://cc.example/internal/tasks/done";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    /** Tasks by guid, moved by the real state machine, stamped by the fixed clock. */
    static final class MemoryStore implements CallbackDelivery.TaskStore {
        final Map<String, Task> tasks = new HashMap<>();
        final List<String> writes = new ArrayList<>();

        @Override
        public void resolving(String guid) {
            Task t = tasks.get(guid);
            if (t == null) {
                throw DiegoException.notFound("task " + guid);
            }
            tasks.put(guid, t.resolving(Nanos.now(CLOCK)));
            writes.add("resolving " + guid);
        }

        @Override
        public void delete(String guid) {
            Task t = tasks.get(guid);
            if (t == null) {
                throw DiegoException.notFound("task " + guid);
            }
            t.checkDeletable();
            tasks.remove(guid);
            writes.add("delete " + guid);
        }
    }

    /** Answers each POST with the next scripted status or exception. */
    static final class ScriptedClient implements CallbackClient {
        final Deque<Object> script = new ArrayDeque<>();
        final List<String> bodies = new ArrayList<>();

        ScriptedClient then(Object statusOrException) {
            script.add(statusOrException);
            return this;
        }

        @Override
        public int post(String url, String json) throws IOException {
            assertEquals(URL, url);
            bodies.add(json);
            Object next = script.remove();
            if (next instanceof IOException e) {
                throw e;
            }
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (Integer) next;
        }
    }

    MemoryStore store;
    ScriptedClient client;
    Task completed;

    static Task completedTask(String guid, String callbackUrl) {
        TaskDefinition def = new TaskDefinition("preloaded:cflinuxfs4", null, new Action(new RunAction("/bin/true", null,
                null, null, null)), 0, 0, 0, false, null, null, null, null, callbackUrl, "staging-note", null, null, 0,
                null, null);
        long t0 = Nanos.now(CLOCK) - 60_000_000_000L;
        return Task.pending(def, guid, "cf-tasks", t0).start("cell-1", t0 + 1)
                .complete("cell-1", true, "exit status 2", "", t0 + 2);
    }

    @BeforeEach
    void setUp() {
        store = new MemoryStore();
        client = new ScriptedClient();
        completed = completedTask("t1", URL);
        store.tasks.put("t1", completed);
    }

    Outcome deliver() {
        return new CallbackDelivery(store, client).deliver(completed);
    }

    @Test
    void acceptedCallbackResolvesThenDeletesTheTask() {
        client.then(200);
        assertEquals(Outcome.DELETED, deliver());
        assertEquals(List.of("resolving t1", "delete t1"), store.writes);
        assertNull(store.tasks.get("t1"));
        assertEquals(List.of(Json.write(new TaskCallbackResponse("t1", true, "exit status 2", "", "staging-note",
                completed.createdAt()))), client.bodies, "Diego's TaskCallbackResponse, once");
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 204, 302, 400, 404, 409, 500, 502})
    void anyStatusButUnavailableDeletes(int status) {
        client.then(status);
        assertEquals(Outcome.DELETED, deliver());
        assertEquals(1, client.bodies.size());
    }

    @ParameterizedTest
    @ValueSource(ints = {503, 504})
    void unavailableIsTriedThreeTimesAndTheTaskKept(int status) {
        client.then(status).then(status).then(status);
        assertEquals(Outcome.UNAVAILABLE, deliver());
        assertEquals(3, client.bodies.size());
        assertEquals(TaskState.Resolving, store.tasks.get("t1").state(), "left for convergence to demote and resend");
        assertEquals(Nanos.now(CLOCK), store.tasks.get("t1").updatedAt());
    }

    @Test
    void unavailableThenAcceptedDeletes() {
        client.then(503).then(200);
        assertEquals(Outcome.DELETED, deliver());
        assertEquals(2, client.bodies.size());
    }

    @Test
    void timeoutsAndClosedConnectionsAreRetried() {
        client.then(new HttpTimeoutException("request timed out")).then(new IOException("HTTP/1.1 header parser received no bytes"))
                .then(204);
        assertEquals(Outcome.DELETED, deliver());
        assertEquals(3, client.bodies.size());
    }

    @Test
    void threeTimeoutsGiveUpAndKeepTheTask() {
        client.then(new HttpTimeoutException("t")).then(new HttpConnectTimeoutException("t")).then(new EOFException());
        assertEquals(Outcome.UNREACHABLE, deliver());
        assertEquals(TaskState.Resolving, store.tasks.get("t1").state());
    }

    @Test
    void aRefusedConnectionIsNotRetried() {
        client.then(new ConnectException("Connection refused")).then(200);
        assertEquals(Outcome.FAILED, deliver());
        assertEquals(1, client.bodies.size());
        assertEquals(TaskState.Resolving, store.tasks.get("t1").state());
    }

    @Test
    void anUnusableUrlGivesUp() {
        client.then(new IllegalArgumentException("unsupported URI ftp://x"));
        assertEquals(Outcome.FAILED, deliver());
        assertEquals(TaskState.Resolving, store.tasks.get("t1").state());
    }

    @Test
    void aTaskSomeoneElseResolvesIsNotCalledBack() {
        store.tasks.put("t1", completed.resolving(Nanos.now(CLOCK)));
        assertEquals(Outcome.NOT_RESOLVABLE, deliver());
        assertTrue(client.bodies.isEmpty());
        store.tasks.clear();
        assertEquals(Outcome.NOT_RESOLVABLE, deliver(), "a deleted task is not called back either");
    }

    @Test
    void aTaskWithoutUrlIsLeftAlone() {
        completed = completedTask("t1", "");
        assertEquals(Outcome.NO_CALLBACK, deliver());
        assertTrue(store.writes.isEmpty());
    }

    @Test
    void aFailedDeleteIsReported() {
        CallbackDelivery.TaskStore refusing = new CallbackDelivery.TaskStore() {
            @Override
            public void resolving(String guid) {
            }

            @Override
            public void delete(String guid) {
                throw DiegoException.notFound("task " + guid);
            }
        };
        client.then(200);
        assertEquals(Outcome.DELETE_REFUSED, new CallbackDelivery(refusing, client).deliver(completed));
    }

    @Test
    void retryableErrorsAreDiegos() {
        assertTrue(CallbackDelivery.retryable(new HttpTimeoutException("request timed out")));
        assertTrue(CallbackDelivery.retryable(new HttpConnectTimeoutException("connect timed out")));
        assertTrue(CallbackDelivery.retryable(new EOFException("EOF reached while reading")));
        assertTrue(CallbackDelivery.retryable(new IOException("connection closed locally")));
        assertFalse(CallbackDelivery.retryable(new ConnectException("Connection refused")));
        assertFalse(CallbackDelivery.retryable(new IOException("No route to host")));
        assertFalse(CallbackDelivery.retryable(new IOException((String) null)));
    }
}
