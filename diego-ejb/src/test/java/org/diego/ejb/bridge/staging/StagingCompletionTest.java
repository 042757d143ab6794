package org.diego.ejb.bridge.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.diego.core.api.TaskCallbackResponse;
import org.diego.core.bridge.staging.StagingTaskAnnotation;
import org.diego.core.json.Json;
import org.diego.core.model.ValidationException;
import org.junit.jupiter.api.Test;

class StagingCompletionTest {
    private final List<String[]> posted = new ArrayList<>();
    private final Deque<Object> answers = new ArrayDeque<>();

    private final CompletionPoster poster = (url, json) -> {
        posted.add(new String[] {url, json});
        Object next = answers.isEmpty() ? 200 : answers.pop();
        if (next instanceof IOException e) {
            throw e;
        }
        return (Integer) next;
    };

    private int complete(String guid, boolean failed, String reason, String result, String callback) {
        String annotation = Json.write(new StagingTaskAnnotation("buildpack", callback));
        byte[] body = Json.write(new TaskCallbackResponse(guid, failed, reason, result, annotation, 1L))
                .getBytes(StandardCharsets.UTF_8);
        return new StagingCompletion(poster, 3, g -> Optional.of("http://cc/internal/staging/" + g + "/completed"))
                .complete(guid, body);
    }

    @Test
    void successPostsTheResultToTheGivenCallback() {
        assertEquals(200, complete("s1", false, "", "{\"process_types\":{\"web\":\"x\"}}", "http://cc/cb"));
        assertEquals("http://cc/cb", posted.get(0)[0]);
        assertEquals("{\"result\":{\"process_types\":{\"web\":\"x\"}}}", posted.get(0)[1]);
    }

    @Test
    void failurePostsTheErrorIdToTheDefaultCallback() {
        assertEquals(200, complete("s2", true, "STG: Exited with status 223", "", ""));
        assertEquals("http://cc/internal/staging/s2/completed", posted.get(0)[0]);
        assertEquals("{\"error\":{\"id\":\"BuildpackCompileFailed\",\"message\":\"staging failed\"}}", posted.get(0)[1]);
    }

    @Test
    void retriesUnreachableAndFailingCcThenAsksTheBbsToComeBack() {
        answers.add(new ConnectException("refused"));
        answers.add(502);
        answers.add(201);
        assertEquals(200, complete("s3", true, "insufficient resources: memory", "", "http://cc/cb"));
        assertEquals(3, posted.size());

        posted.clear();
        for (int i = 0; i < 3; i++) {
            answers.add(new ConnectException("refused"));
        }
        assertEquals(503, complete("s3", true, "x", "", "http://cc/cb"));
        assertEquals(3, posted.size());
    }

    @Test
    void ccsRefusalIsPassedOnWithoutRetry() {
        answers.add(404);
        assertEquals(404, complete("s4", true, "x", "", "http://cc/cb"));
        assertEquals(1, posted.size());
    }

    @Test
    void badBodiesAreRefused() {
        StagingCompletion c = new StagingCompletion(poster, 1, g -> Optional.empty());
        assertThrows(RuntimeException.class, () -> c.complete("s", "nope".getBytes(StandardCharsets.UTF_8)));
        byte[] otherGuid = Json.write(new TaskCallbackResponse("other", false, "", "{}", "{}", 1L)).getBytes(StandardCharsets.UTF_8);
        assertEquals("task_guid", assertThrows(ValidationException.class, () -> c.complete("s", otherGuid)).field());
        byte[] noCallback = Json.write(new TaskCallbackResponse("s", false, "", "{}",
                Json.write(new StagingTaskAnnotation("docker", "")), 1L)).getBytes(StandardCharsets.UTF_8);
        assertEquals("annotation.completion_callback",
                assertThrows(ValidationException.class, () -> c.complete("s", noCallback)).field());
        byte[] noAnnotation = Json.write(new TaskCallbackResponse("s", false, "", "{}", "", 1L)).getBytes(StandardCharsets.UTF_8);
        assertEquals("annotation", assertThrows(ValidationException.class, () -> c.complete("s", noAnnotation)).field());
        assertEquals(0, posted.size());
    }
}
