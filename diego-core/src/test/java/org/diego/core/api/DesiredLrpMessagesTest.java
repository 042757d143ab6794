package org.diego.core.api;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.diego.core.json.Json;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.DesiredLrpSchedulingInfo;
import org.diego.core.model.DesiredLrpUpdate;
import org.diego.core.model.DiegoError;
import org.diego.core.model.ErrorType;
import org.diego.core.model.ValidationException;
import org.diego.core.wire.WireMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The desired LRP route messages: Diego's names, required fields, and the JSON clients already send. */
class DesiredLrpMessagesTest {
    static final List<Class<?>> MESSAGES = List.of(DesireLRPRequest.class, UpdateDesiredLRPRequest.class,
            RemoveDesiredLRPRequest.class, DesiredLRPLifecycleResponse.class, DesiredLRPsRequest.class,
            DesiredLRPsResponse.class, DesiredLRPByProcessGuidRequest.class, DesiredLRPResponse.class,
            DesiredLRPSchedulingInfosResponse.class, DesiredLRPSchedulingInfoByProcessGuidResponse.class);

    /** The body the system tests desire with (diego-system-tests Lrps.desireBody): no user, no metric tags. */
    static final String SYSTEM_TEST_DESIRE = """
            {"desired_lrp": {"process_guid": "skeleton-app", "domain": "skeleton", "rootfs": "preloaded:cflinuxfs4",
             "instances": 2, "memory_mb": 64, "disk_mb": 64,
             "action": {"run": {"path": "/bin/sh", "args": ["-c", "while true; do sleep 1; done"],
                                "env": [{"name": "GREETING", "value": "hello"}]}}}}
            """;

    static void assertInvalid(String field, Runnable validate) {
        ValidationException e = assertThrows(ValidationException.class, validate::run);
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(ErrorType.InvalidRequest, e.type());
    }

    @Test
    void everyMessageNamesItsDiegoMessage() {
        for (Class<?> type : MESSAGES) {
            WireMessage wire = type.getAnnotation(WireMessage.class);
            assertNotNull(wire, type.getSimpleName());
            assertEquals(type.getSimpleName(), wire.value());
        }
    }

    @Test
    void responsesCarryTheErrorFirst() {
        for (Class<?> type : MESSAGES) {
            if (type.getSimpleName().endsWith("Response")) {
                var first = type.getRecordComponents()[0];
                assertEquals("error", first.getName(), type.getSimpleName());
                assertEquals(DiegoError.class, first.getType(), type.getSimpleName());
            }
        }
    }

    @Test
    void theSystemTestsDesireBodyIsAccepted() {
        DesireLRPRequest request = Json.read(SYSTEM_TEST_DESIRE, DesireLRPRequest.class);
        assertDoesNotThrow(request::validate);
        DesiredLrp lrp = request.desiredLrp();
        assertAll(
                () -> assertEquals(2, lrp.instances()),
                () -> assertEquals("/bin/sh", lrp.action().run().path()),
                () -> assertEquals("hello", lrp.action().run().env().get(0).value()));
    }

    @Test
    void desireNeedsAValidLrp() {
        assertInvalid("desired_lrp", () -> new DesireLRPRequest(null).validate());
        assertInvalid("process_guid", () -> Json.read(SYSTEM_TEST_DESIRE.replace("skeleton-app", "bad guid!"),
                DesireLRPRequest.class).validate());
        assertInvalid("instances", () -> Json.read(SYSTEM_TEST_DESIRE.replace("\"instances\": 2", "\"instances\": -1"),
                DesireLRPRequest.class).validate());
    }

    @Test
    void updateNeedsAGuidAndAValidUpdate() {
        assertInvalid("process_guid", () -> new UpdateDesiredLRPRequest("", DesiredLrpUpdate.instances(1)).validate());
        assertInvalid("update", () -> new UpdateDesiredLRPRequest("p", null).validate());
        assertInvalid("instances", () -> new UpdateDesiredLRPRequest("p", DesiredLrpUpdate.instances(-1)).validate());
        UpdateDesiredLRPRequest r = Json.read("{\"process_guid\":\"p\",\"update\":{\"annotation\":\"a\"}}",
                UpdateDesiredLRPRequest.class);
        assertEquals("a", r.validate().update().annotation());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"process_guid\":\"\"}"})
    void guidRequestsNeedTheGuid(String body) {
        assertInvalid("process_guid", () -> Json.read(body, RemoveDesiredLRPRequest.class).validate());
        assertInvalid("process_guid", () -> Json.read(body, DesiredLRPByProcessGuidRequest.class).validate());
    }

    @Test
    void listFiltersAreOptionalAndUseDiegosNames() {
        assertEquals(DesiredLRPsRequest.ALL, Json.read("{}", DesiredLRPsRequest.class).validate());
        DesiredLRPsRequest r = Json.read("{\"domain\":\"cf-apps\",\"process_guids\":[\"a\",\"b\"],\"app_guids\":[\"x\"]}",
                DesiredLRPsRequest.class);
        assertEquals(new DesiredLRPsRequest("cf-apps", List.of("a", "b"), List.of("x")), r);
    }

    @Test
    void anOkLifecycleResponseIsAnEmptyObject() {
        assertEquals("{}", Json.write(DesiredLRPLifecycleResponse.OK));
        assertEquals("{\"error\":{\"type\":\"ResourceExists\",\"message\":\"m\"}}",
                Json.write(new DesiredLRPLifecycleResponse(new DiegoError(ErrorType.ResourceExists, "m"))));
    }

    @Test
    void responseFieldsHaveDiegosNames() {
        DesiredLrp lrp = Json.read(SYSTEM_TEST_DESIRE, DesireLRPRequest.class).desiredLrp();
        assertTrue(Json.write(DesiredLRPsResponse.of(List.of(lrp))).startsWith("{\"desired_lrps\":[{"));
        assertTrue(Json.write(DesiredLRPResponse.of(lrp)).startsWith("{\"desired_lrp\":{"));
        DesiredLrpSchedulingInfo info = lrp.schedulingInfo();
        assertTrue(Json.write(DesiredLRPSchedulingInfosResponse.of(List.of(info)))
                .startsWith("{\"desired_lrp_scheduling_infos\":[{\"process_guid\":\"skeleton-app\""));
        assertTrue(Json.write(DesiredLRPSchedulingInfoByProcessGuidResponse.of(info))
                .startsWith("{\"desired_lrp_scheduling_info\":{"));
        assertEquals(DesiredLRPSchedulingInfoByProcessGuidResponse.of(info),
                Json.read(Json.write(DesiredLRPSchedulingInfoByProcessGuidResponse.of(info)),
                        DesiredLRPSchedulingInfoByProcessGuidResponse.class));
    }
}
