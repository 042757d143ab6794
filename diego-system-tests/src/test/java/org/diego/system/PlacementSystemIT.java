package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The auction on the real cluster: instances spread across the two zones, a placement-tagged LRP
 * lands only on the tagged cell, and an LRP too big for every cell carries a placement error (with a
 * per-cell explanation) until a big enough cell appears, when convergence places it.
 */
class PlacementSystemIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private final List<Process> extraCells = new ArrayList<>();
    private final List<String> guids = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        String api = Cluster.apis().get(0);
        guids.forEach(g -> Cluster.post(api, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + g + "\"}"));
        guids.forEach(g -> Cluster.await(g + " removed", PATIENCE, () -> Lrps.actuals(api, g).isEmpty(), () -> Lrps.actuals(api, g)));
        extraCells.forEach(p -> p.descendants().forEach(ProcessHandle::destroy));
        extraCells.forEach(Process::destroy);
    }

    private String desire(String guid, int instances, int memoryMb, String tags) {
        String body = Lrps.desireBody(guid, instances).replace("\"memory_mb\": 64", "\"memory_mb\": " + memoryMb
                + ", \"placement_tags\": [" + tags + "]");
        JsonNode r = Cluster.post(Cluster.apis().get(0), "/v1/desired_lrp/desire.r2", body).json();
        assertFalse(r.has("error"), r.toString());
        guids.add(guid);
        return guid;
    }

    private void startCell(String id, String zone, int memoryMb, String tags) throws IOException {
        assertEquals(200, Cluster.post(Cluster.apis().get(0), "/v1/ping", "").status());
        List<String> args = new ArrayList<>(List.of("--zone", zone, "--memory-mb", Integer.toString(memoryMb)));
        if (!tags.isEmpty()) {
            args.addAll(List.of("--placement-tags", tags));
        }
        extraCells.add(Cluster.startCell(id, args));
        Cluster.await(id + " live", PATIENCE, () -> Cluster.liveCells(Cluster.apis().get(0)).contains(id),
                () -> Cluster.liveCells(Cluster.apis().get(0)));
    }

    @Test
    void instancesSpreadAcrossZones() {
        String api = Cluster.apis().get(1);
        String guid = desire("zone-spread-app", 4, 64, "");
        Cluster.await("4 running", PATIENCE, () -> Lrps.allRunning(api, guid, 4), () -> Lrps.actuals(api, guid));
        Map<String, Integer> perCell = new HashMap<>();
        Lrps.actuals(api, guid).forEach(a -> perCell.merge(a.path("cell_id").asText(), 1, Integer::sum));
        assertEquals(Map.of("cell-1", 2, "cell-2", 2), perCell, "two per zone (cell-1 is z1, cell-2 is z2)");
    }

    @Test
    void tagsConstrainPlacementAndATooBigLrpWaitsForABigCell() throws IOException {
        String api = Cluster.apis().get(0);
        String tagged = desire("tagged-app", 2, 64, "\"gpu\"");
        String huge = desire("huge-app", 1, 20_000, "");
        Cluster.await("placement errors recorded", PATIENCE, () ->
                        Lrps.instance(api, huge, 0).path("placement_error").asText().startsWith("insufficient resources: memory")
                        && Lrps.instance(api, tagged, 0).path("placement_error").asText().contains("placement tag"),
                () -> Lrps.actuals(api, huge) + " " + Lrps.actuals(api, tagged));
        JsonNode why = Cluster.post(api, "/v1/actual_lrps/placement_explanation",
                "{\"process_guid\":\"" + huge + "\",\"index\":0}").json().path("explanation");
        // The untagged cells lack memory; the tagged runc cell-3 of the system-test cluster is filtered by tags.
        Map<String, String> verdicts = new TreeMap<>();
        why.path("cells").forEach(c -> verdicts.put(c.path("cell_id").asText(), c.path("verdict").asText()));
        assertEquals("INSUFFICIENT_RESOURCES", verdicts.get("cell-1"), why.toString());
        assertEquals("INSUFFICIENT_RESOURCES", verdicts.get("cell-2"), why.toString());
        verdicts.forEach((cell, verdict) -> assertTrue(verdict.equals("INSUFFICIENT_RESOURCES")
                || verdict.equals("PLACEMENT_TAGS"), why.toString()));

        startCell("gpu-cell", "z1", 4096, "gpu");
        startCell("big-cell", "z2", 32_768, "");
        Cluster.await("tagged instances on the tagged cell only", PATIENCE, () -> Lrps.allRunning(api, tagged, 2),
                () -> Lrps.actuals(api, tagged));
        Lrps.actuals(api, tagged).forEach(a -> assertEquals("gpu-cell", a.path("cell_id").asText(), a.toString()));
        Cluster.await("the huge instance placed once a big cell exists", PATIENCE, () -> Lrps.allRunning(api, huge, 1),
                () -> Lrps.actuals(api, huge));
        assertEquals("big-cell", Lrps.instance(api, huge, 0).path("cell_id").asText());
        assertTrue(Lrps.instance(api, huge, 0).path("placement_error").asText().isEmpty());
    }
}
