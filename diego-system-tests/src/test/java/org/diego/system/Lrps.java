package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;

/** LRP requests and reads over the real API, shared by the system tests. */
final class Lrps {
    private Lrps() {
    }

    static String desireBody(String guid, int instances) {
        return """
                {"desired_lrp": {"process_guid": "%s", "domain": "skeleton", "rootfs": "preloaded:cflinuxfs4",
                 "instances": %d, "memory_mb": 64, "disk_mb": 64,
                 "action": {"run": {"path": "/bin/sh", "args": ["-c", "while true; do sleep 1; done"],
                                    "env": [{"name": "GREETING", "value": "hello"}]}}}}
                """.formatted(guid, instances);
    }

    static JsonNode actuals(String api, String guid) {
        return Cluster.post(api, "/v1/actual_lrps/list", "{\"process_guid\":\"" + guid + "\"}").json().path("actual_lrps");
    }

    static boolean allRunning(String api, String guid, int instances) {
        JsonNode list = actuals(api, guid);
        if (list.size() != instances) {
            return false;
        }
        for (JsonNode a : list) {
            if (!"RUNNING".equals(a.path("state").asText()) || a.path("cell_id").asText().isEmpty()
                    || a.path("instance_guid").asText().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    static JsonNode instance(String api, String guid, int index) {
        for (JsonNode a : actuals(api, guid)) {
            if (a.path("index").asInt() == index) {
                return a;
            }
        }
        throw new AssertionError("no actual LRP " + guid + "/" + index + " in " + actuals(api, guid));
    }

    /**
     * Deletes an instance's row and kills its container, so that only convergence can bring the
     * index back (the cell's crash report is then refused as unknown and the cell drops the container).
     */
    static String loseInstance(String api, String guid, int index) throws Exception {
        String lost = instance(api, guid, index).path("instance_guid").asText();
        try (Connection db = Cluster.database();
             PreparedStatement delete = db.prepareStatement(
                     "DELETE FROM actual_lrps WHERE process_guid = ? AND instance_index = ?")) {
            delete.setString(1, guid);
            delete.setInt(2, index);
            assertEquals(1, delete.executeUpdate());
        }
        Cluster.processOf(lost).orElseThrow().destroyForcibly();
        return lost;
    }
}
