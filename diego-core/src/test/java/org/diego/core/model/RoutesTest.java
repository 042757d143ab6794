package org.diego.core.model;

import static org.diego.core.model.Fields.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.Map;
import org.diego.core.json.Json;
import org.junit.jupiter.api.Test;

/** Routes: a bare JSON object of router name to raw JSON, limited in total size. */
class RoutesTest {

    @Test
    void jsonIsTheBareObjectAndValuesAreKeptAsTheyCame() {
        String json = "{\"cf-router\":[{\"hostnames\":[\"a.example.com\"],\"port\":8080,\"options\":{\"lb\":\"rr\"}}],"
                + "\"tcp-router\":[{\"router_group_guid\":\"g\",\"external_port\":61000,\"container_port\":8080}],"
                + "\"future-router\":\"anything\"}";
        Routes routes = Json.read(json, Routes.class);
        assertEquals(json, Json.write(routes));
        assertEquals(8080, routes.get("cf-router").get(0).get("port").asInt());
    }

    @Test
    void aNullValueStaysAValue() {
        Routes routes = Json.read("{\"cf-router\":null}", Routes.class);
        assertEquals(NullNode.getInstance(), routes.get("cf-router"));
        assertEquals(4, routes.jsonBytes());
        Map<String, com.fasterxml.jackson.databind.JsonNode> withNull = new HashMap<>();
        withNull.put("x", null);
        assertEquals(NullNode.getInstance(), new Routes(withNull).get("x"));
    }

    @Test
    void theLimitCountsUtf8BytesOfEveryValue() {
        // "é" is two bytes: 65,535 of them plus two quotes is 131,072 bytes, exactly 128 KiB.
        Routes atLimit = new Routes(Map.of("r", TextNode.valueOf("é".repeat(65_535))));
        assertEquals(128 * 1024, atLimit.jsonBytes());
        assertDoesNotThrow(() -> atLimit.validate("routes"));
        Routes over = new Routes(Map.of("r", TextNode.valueOf("é".repeat(65_535) + "x")));
        assertInvalid("routes", () -> over.validate("routes"));
    }

    @Test
    void absentRoutesAreEmpty() {
        assertEquals(Routes.EMPTY, Routes.orEmpty(null));
        assertEquals(Routes.EMPTY, DesiredLrp.builder().build().routes());
        assertTrue(Json.write(DesiredLrp.builder().build()).contains("\"routes\":{}"));
    }
}
