package org.diego.system.cc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * CC's bulk API on a stand-in, as the nsync bulker reads it: {@code GET /internal/bulk/apps?
 * batch_size=N&format=fingerprint&token={"id":k}} answers the fingerprints (process guid, etag) of the
 * apps from offset k, with the token of the next page; {@code POST /internal/bulk/apps} with a JSON
 * list of guids answers their DesireAppRequestFromCC. Apps are kept in guid order.
 *
 * <p>Every test that runs a stand-in while desiring apps through nsync should list those apps here:
 * a stand-in that served no fingerprints at all would let the bulker remove them.
 */
public final class BulkApps {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, ObjectNode> apps = new ConcurrentSkipListMap<>();

    private BulkApps() {
    }

    /** Serves an (initially empty) app list on {@code cc}. */
    public static BulkApps on(CloudControllerStandIn cc) {
        BulkApps bulk = new BulkApps();
        cc.handle("GET", "/internal/bulk/apps", bulk::fingerprints);
        cc.handle("POST", "/internal/bulk/apps", bulk::desires);
        return bulk;
    }

    /** Adds or replaces an app: {@code desireJson} is its DesireAppRequestFromCC. */
    public void put(String desireJson) {
        try {
            ObjectNode app = (ObjectNode) JSON.readTree(desireJson);
            apps.put(app.path("process_guid").asText(), app);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void remove(String processGuid) {
        apps.remove(processGuid);
    }

    private CloudControllerStandIn.Reply fingerprints(CloudControllerStandIn.Recorded r) {
        int batch = 500;
        int from = 0;
        if (r.query() != null) {
            for (String pair : r.query().split("&")) {
                String[] kv = pair.split("=", 2);
                String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
                if (kv[0].equals("batch_size")) {
                    batch = Integer.parseInt(value);
                } else if (kv[0].equals("token")) {
                    try {
                        from = JSON.readTree(value).path("id").asInt(0);
                    } catch (IOException e) {
                        return CloudControllerStandIn.Reply.json(400, "{\"error\":\"bad token\"}");
                    }
                }
            }
        }
        List<ObjectNode> all = new ArrayList<>(apps.values());
        ObjectNode page = JSON.createObjectNode();
        ArrayNode fingerprints = page.putArray("fingerprints");
        int to = Math.min(all.size(), from + batch);
        for (int i = from; i < to; i++) {
            fingerprints.addObject().put("process_guid", all.get(i).path("process_guid").asText())
                    .put("etag", all.get(i).path("etag").asText(""));
        }
        page.putObject("token").put("id", to);
        return CloudControllerStandIn.Reply.json(200, page.toString());
    }

    private CloudControllerStandIn.Reply desires(CloudControllerStandIn.Recorded r) {
        try {
            JsonNode guids = JSON.readTree(r.body());
            ArrayNode out = JSON.createArrayNode();
            for (JsonNode g : guids) {
                ObjectNode app = apps.get(g.asText());
                if (app != null) {
                    out.add(app);
                }
            }
            return CloudControllerStandIn.Reply.json(200, out.toString());
        } catch (IOException e) {
            return CloudControllerStandIn.Reply.json(400, "{\"error\":\"not a guid list\"}");
        }
    }
}
