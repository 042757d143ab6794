package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.diego.core.json.Json;
import org.diego.core.model.DesiredLrp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Diego's DesiredLRP routes over HTTP against both Payara instances: desire, update (scale up, scale
 * down, routes), remove, the list filters, scheduling and routing infos, and the refusals. Most LRPs
 * use a rootfs no cell offers, so their instances stay UNCLAIMED and the test owns them; the scaling
 * test runs real processes on the cells.
 */
class DesiredLrpRoutesIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String UNPLACEABLE = "preloaded:desired-routes-it-only";
    private static final List<String> APIS = Cluster.apis();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> guids = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        String api = APIS.get(0);
        guids.forEach(g -> Cluster.post(api, "/v1/desired_lrp/remove", guidBody(g)));
        guids.forEach(g -> Cluster.await(g + " removed", PATIENCE, () -> Lrps.actuals(api, g).isEmpty(),
                () -> Lrps.actuals(api, g)));
    }

    /** A DesiredLRP using most of Diego's fields. */
    static String fullLrp(String guid, String domain, int instances) {
        return """
                {"process_guid": "%s", "domain": "%s", "rootfs": "%s", "instances": %d,
                 "memory_mb": 32, "disk_mb": 32, "max_pids": 64, "cpu_weight": 10, "log_guid": "log-%s",
                 "log_source": "CELL", "metrics_guid": "", "annotation": "etag-1", "start_timeout_ms": 30000,
                 "env": [{"name": "LANG", "value": "C"}],
                 "setup": {"serial": {"actions": [{"try": {"action": {"run": {"path": "/bin/true", "user": "vcap"}}}}]}},
                 "action": {"codependent": {"actions": [{"run": {"path": "/bin/sh", "args": ["-c", "sleep 3600"],
                             "user": "vcap", "resource_limits": {"nofile": 1024}}}]}},
                 "monitor": {"timeout": {"action": {"run": {"path": "/bin/true", "user": "vcap"}}, "timeout_ms": 1000}},
                 "check_definition": {"checks": [{"tcp_check": {"port": 8080, "connect_timeout_ms": 100}}],
                                      "log_source": "HEALTH"},
                 "ports": [8080],
                 "routes": {"cf-router": [{"hostnames": ["%s.example.com"], "port": 8080}]},
                 "egress_rules": [{"protocol": "tcp", "destinations": ["10.0.0.0/8"], "ports": [443]}],
                 "placement_tags": [],
                 "metric_tags": {"source_id": {"static": "%s"}, "index": {"dynamic": "INDEX"}},
                 "legacy_download_user": "vcap",
                 "image_layers": [{"name": "shared", "url": "http://fs/s.tgz", "destination_path": "/s",
                                   "layer_type": "SHARED", "media_type": "TGZ"}],
                 "log_rate_limit": {"bytes_per_second": -1},
                 "update_strategy": 1}
                """.formatted(guid, domain, UNPLACEABLE, instances, guid, guid, guid);
    }

    private String desire(String api, String lrpJson) {
        JsonNode lrp = parse(lrpJson);
        JsonNode r = Cluster.post(api, "/v1/desired_lrp/desire.r2", "{\"desired_lrp\": " + lrpJson + "}").json();
        assertFalse(r.has("error"), r.toString());
        guids.add(lrp.path("process_guid").asText());
        return lrp.path("process_guid").asText();
    }

    private static JsonNode get(String api, String guid) {
        JsonNode r = Cluster.post(api, "/v1/desired_lrps/get_by_process_guid.r3", guidBody(guid)).json();
        assertFalse(r.has("error"), r.toString());
        return r.path("desired_lrp");
    }

    private static JsonNode update(String api, String guid, String update) {
        return Cluster.post(api, "/v1/desired_lrp/update",
                "{\"process_guid\": \"" + guid + "\", \"update\": " + update + "}").json();
    }

    private static String guidBody(String guid) {
        return "{\"process_guid\":\"" + guid + "\"}";
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }

    private static void assertRefused(String type, String field, JsonNode response) {
        assertEquals(type, response.path("error").path("type").asText(), response.toString());
        if (field != null) {
            assertTrue(response.path("error").path("message").asText().contains(field), response.toString());
        }
    }

    /** Process guids in a list response, restricted to this test's own. */
    private Set<String> ours(JsonNode list) {
        Set<String> out = new TreeSet<>();
        list.forEach(l -> {
            if (guids.contains(l.path("process_guid").asText())) {
                out.add(l.path("process_guid").asText());
            }
        });
        return out;
    }

    private static String unique(String name) {
        return "routes-it-" + name + "-" + System.nanoTime();
    }

    @Test
    void everyDesiredFieldReadsBackFromTheOtherInstance() {
        String guid = desire(APIS.get(0), fullLrp(unique("full"), "routes-it", 2));
        JsonNode read = get(APIS.get(1), guid);
        // Compared as models: the server writes defaults (empty lists, zero numbers) the client left out.
        DesiredLrp sent = Json.read(fullLrp(guid, "routes-it", 2), DesiredLrp.class);
        DesiredLrp stored = Json.read(read.toString(), DesiredLrp.class);
        assertEquals(sent.toBuilder().modificationTag(stored.modificationTag()).metricsGuid(stored.metricsGuid())
                .build(), stored);
        assertEquals(parse(fullLrp(guid, "routes-it", 2)).path("routes"), read.path("routes"), "routes verbatim");
        assertEquals(0, read.path("modification_tag").path("index").asInt());
        assertFalse(read.path("modification_tag").path("epoch").asText().isEmpty());
        assertEquals(guid, read.path("metrics_guid").asText(), "filled from metric_tags.source_id on read");
        assertEquals(2, Lrps.actuals(APIS.get(1), guid).size(), "one UNCLAIMED row per instance");

        JsonNode r2 = Cluster.post(APIS.get(1), "/v1/desired_lrps/get_by_process_guid.r2", guidBody(guid)).json()
                .path("desired_lrp");
        assertEquals(0, r2.path("image_layers").size(), "r2 clients know no image layers: " + r2);
        assertEquals("http://fs/s.tgz", r2.path("cached_dependencies").path(0).path("from").asText(), r2.toString());
    }

    @Test
    void schedulingAndRoutingInfosCarryTheirFieldsOnly() {
        String guid = desire(APIS.get(0), fullLrp(unique("infos"), "routes-it", 1));
        JsonNode info = Cluster.post(APIS.get(1), "/v1/desired_lrp_scheduling_infos/get_by_process_guid",
                guidBody(guid)).json().path("desired_lrp_scheduling_info");
        assertEquals(guid, info.path("process_guid").asText(), info.toString());
        assertEquals("routes-it", info.path("domain").asText());
        assertEquals("log-" + guid, info.path("log_guid").asText());
        assertEquals(32, info.path("memory_mb").asInt());
        assertEquals(64, info.path("max_pids").asInt());
        assertEquals(UNPLACEABLE, info.path("rootfs").asText());
        assertEquals(0, info.path("index").asInt(), "the modification tag is flattened as in Diego's JSON");
        assertEquals("etag-1", info.path("annotation").asText());
        assertTrue(info.path("routes").has("cf-router"), info.toString());
        assertFalse(info.has("action"), "no run info in a scheduling info: " + info);

        JsonNode routing = Cluster.post(APIS.get(0), "/v1/desired_lrp_routing_infos/list",
                "{\"process_guids\": [\"" + guid + "\"]}").json().path("desired_lrps");
        assertEquals(1, routing.size(), routing.toString());
        JsonNode r = routing.get(0);
        assertEquals(1, r.path("instances").asInt());
        assertTrue(r.path("routes").has("cf-router"), r.toString());
        assertEquals("INDEX", r.path("metric_tags").path("index").path("dynamic").asText(), r.toString());
        assertEquals(0, r.path("modification_tag").path("index").asInt());
        assertFalse(r.has("action") || r.has("setup") || r.has("env") && r.path("env").size() > 0, r.toString());
    }

    @Test
    void listsFilterByDomainProcessGuidsAndAppGuids() {
        String app = unique("app");
        String other = unique("other");
        String v1 = desire(APIS.get(0), fullLrp(app + "-v1", "routes-it-d1", 0));
        String v2 = desire(APIS.get(1), fullLrp(app + "-v2", "routes-it-d2", 0));
        String o1 = desire(APIS.get(0), fullLrp(other + "-v1", "routes-it-d1", 0));
        String api = APIS.get(1);

        assertEquals(Set.of(v1, v2, o1), ours(Cluster.post(api, "/v1/desired_lrps/list.r3", "{}").json()
                .path("desired_lrps")));
        assertEquals(Set.of(v1, o1), ours(Cluster.post(api, "/v1/desired_lrps/list.r3",
                "{\"domain\": \"routes-it-d1\"}").json().path("desired_lrps")));
        assertEquals(Set.of(v2, o1), ours(Cluster.post(api, "/v1/desired_lrps/list.r3",
                "{\"process_guids\": [\"" + v2 + "\", \"" + o1 + "\"]}").json().path("desired_lrps")));
        assertEquals(Set.of(v1, v2), ours(Cluster.post(api, "/v1/desired_lrps/list.r3",
                "{\"app_guids\": [\"" + app + "\"]}").json().path("desired_lrps")));
        assertEquals(Set.of(v1), ours(Cluster.post(api, "/v1/desired_lrps/list.r2",
                "{\"domain\": \"routes-it-d1\", \"app_guids\": [\"" + app + "\"]}").json().path("desired_lrps")));

        assertEquals(Set.of(v1, o1), ours(Cluster.post(api, "/v1/desired_lrp_scheduling_infos/list",
                "{\"domain\": \"routes-it-d1\"}").json().path("desired_lrp_scheduling_infos")));
        assertEquals(Set.of(v2), ours(Cluster.post(api, "/v1/desired_lrp_scheduling_infos/list",
                "{\"process_guids\": [\"" + v2 + "\"]}").json().path("desired_lrp_scheduling_infos")));
        // Diego filters routing infos by process guid only; a domain does not narrow them.
        assertEquals(Set.of(v1), ours(Cluster.post(api, "/v1/desired_lrp_routing_infos/list",
                "{\"domain\": \"routes-it-d2\", \"process_guids\": [\"" + v1 + "\"]}").json().path("desired_lrps")));
    }

    @Test
    void scalingUpStartsNewInstancesAndScalingDownStopsTheExtraOnes() {
        String api = APIS.get(0);
        String guid = unique("scale");
        JsonNode desired = Cluster.post(api, "/v1/desired_lrp/desire.r2", Lrps.desireBody(guid, 1)).json();
        assertFalse(desired.has("error"), desired.toString());
        guids.add(guid);
        Cluster.await("1 running", PATIENCE, () -> Lrps.allRunning(api, guid, 1), () -> Lrps.actuals(api, guid));

        assertFalse(update(APIS.get(1), guid, "{\"instances\": 3}").has("error"));
        Cluster.await("3 running", PATIENCE, () -> Lrps.allRunning(api, guid, 3), () -> Lrps.actuals(api, guid));
        assertEquals(1, get(api, guid).path("modification_tag").path("index").asInt());
        List<String> extra = List.of(Lrps.instance(api, guid, 1).path("instance_guid").asText(),
                Lrps.instance(api, guid, 2).path("instance_guid").asText());
        String kept = Lrps.instance(api, guid, 0).path("instance_guid").asText();

        assertFalse(update(api, guid, "{\"instances\": 1}").has("error"));
        Cluster.await("indices 1 and 2 gone", PATIENCE, () -> Lrps.actuals(api, guid).size() == 1,
                () -> Lrps.actuals(api, guid));
        Cluster.await("their processes stopped", PATIENCE,
                () -> extra.stream().noneMatch(g -> Cluster.processOf(g).isPresent()), () -> extra);
        JsonNode left = Lrps.instance(api, guid, 0);
        assertEquals(kept, left.path("instance_guid").asText(), "index 0 kept running untouched");
        assertEquals("RUNNING", left.path("state").asText());
        assertEquals(1, get(api, guid).path("instances").asInt());
        assertEquals(2, get(api, guid).path("modification_tag").path("index").asInt());
    }

    @Test
    void routeAndAnnotationUpdatesChangeOnlyTheDesiredLrp() {
        String guid = desire(APIS.get(0), fullLrp(unique("routes"), "routes-it", 2));
        String routes = "{\"cf-router\": [{\"hostnames\": [\"new.example.com\"], \"port\": 8080}],"
                + " \"tcp-router\": [{\"router_group_guid\": \"rg\", \"external_port\": 61000, \"container_port\": 8080}]}";
        JsonNode r = update(APIS.get(1), guid, "{\"routes\": " + routes + ", \"annotation\": \"etag-2\"}");
        assertFalse(r.has("error"), r.toString());
        JsonNode after = get(APIS.get(0), guid);
        assertEquals(parse(routes), after.path("routes"));
        assertEquals("etag-2", after.path("annotation").asText());
        assertEquals(2, after.path("instances").asInt(), "absent fields are unchanged");
        assertEquals(parse(fullLrp(guid, "routes-it", 2)).path("metric_tags"), after.path("metric_tags"));
        assertEquals(1, after.path("modification_tag").path("index").asInt());
        assertEquals(2, Lrps.actuals(APIS.get(0), guid).size(), "no instance created or retired");
    }

    @Test
    void concurrentUpdatesThroughBothInstancesAllApply() throws Exception {
        String guid = desire(APIS.get(0), fullLrp(unique("concurrent"), "routes-it", 0));
        int updates = 12;
        ExecutorService pool = Executors.newFixedThreadPool(updates);
        try {
            List<Future<JsonNode>> results = new ArrayList<>();
            for (int i = 0; i < updates; i++) {
                String api = APIS.get(i % APIS.size());
                String body = "{\"annotation\": \"writer-" + i + "\", \"instances\": " + (i % 3) + "}";
                results.add(pool.submit(() -> update(api, guid, body)));
            }
            for (Future<JsonNode> f : results) {
                JsonNode r = f.get(60, TimeUnit.SECONDS);
                assertFalse(r.has("error"), "each update waits for the row lock and applies: " + r);
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode after = get(APIS.get(1), guid);
        assertEquals(updates, after.path("modification_tag").path("index").asInt(), "no update was lost: " + after);
        assertTrue(after.path("annotation").asText().startsWith("writer-"), after.toString());
        int instances = after.path("instances").asInt();
        // A lower bound only: a convergence pass racing a scale down may recreate an index above the count.
        Cluster.await("a row for each of the " + instances + " instances", PATIENCE, () -> {
            Set<Integer> indices = new TreeSet<>();
            Lrps.actuals(APIS.get(0), guid).forEach(a -> indices.add(a.path("index").asInt()));
            return java.util.stream.IntStream.range(0, instances).allMatch(indices::contains);
        }, () -> Lrps.actuals(APIS.get(0), guid));
    }

    @Test
    void desiresArrivingTogetherAreEachStoredOrRefusedOnTheirOwn() throws Exception {
        // Concurrent desires on one instance share transactions (group commit); a guid desired three times
        // in the crowd must still be stored once, and every other desire with its own instances.
        String twice = unique("crowd-dup");
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String guid = i % 8 == 3 ? twice : unique("crowd-" + i);
            bodies.add("{\"desired_lrp\": " + fullLrp(guid, "routes-it", 1 + i % 3) + "}");
        }
        ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
        List<JsonNode> answers = new ArrayList<>();
        try {
            List<Future<JsonNode>> results = new ArrayList<>();
            for (String body : bodies) {
                results.add(pool.submit(() -> Cluster.post(APIS.get(0), "/v1/desired_lrp/desire.r2", body).json()));
            }
            for (Future<JsonNode> f : results) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        int storedTwice = 0;
        for (int i = 0; i < bodies.size(); i++) {
            String guid = parse(bodies.get(i)).path("desired_lrp").path("process_guid").asText();
            JsonNode answer = answers.get(i);
            if (guid.equals(twice)) {
                if (answer.has("error")) {
                    assertRefused("ResourceExists", null, answer);
                } else {
                    storedTwice++;
                }
                continue;
            }
            assertFalse(answer.has("error"), guid + ": " + answer);
            guids.add(guid);
            int instances = 1 + i % 3;
            assertEquals(instances, get(APIS.get(1), guid).path("instances").asInt());
            assertEquals(instances, Lrps.actuals(APIS.get(1), guid).size(), guid);
        }
        assertEquals(1, storedTwice, "one of the three desires of " + twice + " wins: " + answers);
        guids.add(twice);
        int stored = get(APIS.get(0), twice).path("instances").asInt();
        assertEquals(stored, Lrps.actuals(APIS.get(0), twice).size(), "the winner's instances and no other's");
    }

    @Test
    void desiringAnExistingGuidIsResourceExistsAndChangesNothing() {
        String guid = desire(APIS.get(0), fullLrp(unique("dup"), "routes-it", 1));
        JsonNode again = Cluster.post(APIS.get(1), "/v1/desired_lrp/desire.r2",
                "{\"desired_lrp\": " + fullLrp(guid, "routes-it", 3) + "}").json();
        assertRefused("ResourceExists", null, again);
        JsonNode stored = get(APIS.get(0), guid);
        assertEquals(1, stored.path("instances").asInt());
        assertEquals(0, stored.path("modification_tag").path("index").asInt());
        assertEquals(1, Lrps.actuals(APIS.get(0), guid).size());
    }

    @Test
    void unknownGuidsAreResourceNotFound() {
        String api = APIS.get(1);
        String body = guidBody(unique("missing"));
        assertRefused("ResourceNotFound", null, Cluster.post(api, "/v1/desired_lrps/get_by_process_guid.r3", body).json());
        assertRefused("ResourceNotFound", null, Cluster.post(api, "/v1/desired_lrps/get_by_process_guid.r2", body).json());
        assertRefused("ResourceNotFound", null,
                Cluster.post(api, "/v1/desired_lrp_scheduling_infos/get_by_process_guid", body).json());
        assertRefused("ResourceNotFound", null, Cluster.post(api, "/v1/desired_lrp/remove", body).json());
        assertRefused("ResourceNotFound", null, update(api, unique("missing"), "{\"instances\": 2}"));
    }

    @Test
    void badDesiresAreInvalidRequestNamingTheFieldAndStoreNothing() {
        String api = APIS.get(0);
        String guid = unique("bad");
        String good = fullLrp(guid, "routes-it", 1);
        List<String[]> cases = List.of(
                new String[] {"rootfs", good.replace(UNPLACEABLE, "cflinuxfs4")},
                new String[] {"egress_rules[0].protocol", good.replace("\"protocol\": \"tcp\"", "\"protocol\": \"sctp\"")},
                new String[] {"action", good.replace("\"action\": {\"codependent\"", "\"ignored\": {\"codependent\"")},
                new String[] {"check_definition.checks[0].tcp_check.port", good.replace("\"port\": 8080, \"connect",
                        "\"port\": 0, \"connect")},
                new String[] {"image_password", good.replace("\"update_strategy\": 1", "\"image_username\": \"u\"")},
                new String[] {"metric_tags.index", good.replace("{\"dynamic\": \"INDEX\"}", "{\"dynamic\": \"NOPE\"}")},
                new String[] {"annotation", good.replace("\"etag-1\"", "\"" + "a".repeat(10 * 1024 + 1) + "\"")});
        for (String[] c : cases) {
            JsonNode r = Cluster.post(api, "/v1/desired_lrp/desire.r2", "{\"desired_lrp\": " + c[1] + "}").json();
            assertRefused("InvalidRequest", c[0], r);
        }
        assertRefused("InvalidRequest", "desired_lrp", Cluster.post(api, "/v1/desired_lrp/desire.r2", "{}").json());
        assertRefused("ResourceNotFound", null,
                Cluster.post(api, "/v1/desired_lrps/get_by_process_guid.r3", guidBody(guid)).json());
        assertEquals(0, Lrps.actuals(api, guid).size());
    }

    @Test
    void badUpdatesAreInvalidRequestNamingTheFieldAndChangeNothing() {
        String api = APIS.get(1);
        String guid = desire(APIS.get(0), fullLrp(unique("badupdate"), "routes-it", 1));
        assertRefused("InvalidRequest", "instances", update(api, guid, "{\"instances\": -1}"));
        assertRefused("InvalidRequest", "image_password", update(api, guid, "{\"image_username\": \"u\"}"));
        assertRefused("InvalidRequest", "metric_tags.x", update(api, guid, "{\"metric_tags\": {\"x\": {}}}"));
        assertRefused("InvalidRequest", "update", Cluster.post(api, "/v1/desired_lrp/update", guidBody(guid)).json());
        assertRefused("InvalidRequest", "process_guid", Cluster.post(api, "/v1/desired_lrp/update",
                "{\"update\": {\"instances\": 2}}").json());
        assertRefused("InvalidRequest", "process_guid", Cluster.post(api, "/v1/desired_lrp/remove", "{}").json());
        JsonNode stored = get(api, guid);
        assertEquals(0, stored.path("modification_tag").path("index").asInt(), stored.toString());
        assertEquals(1, stored.path("instances").asInt());
        assertEquals(1, Lrps.actuals(api, guid).size());
    }

    @Test
    void removeDeletesTheLrpAndItsInstances() {
        String guid = desire(APIS.get(0), fullLrp(unique("remove"), "routes-it", 2));
        JsonNode removed = Cluster.post(APIS.get(1), "/v1/desired_lrp/remove", guidBody(guid)).json();
        assertFalse(removed.has("error"), removed.toString());
        assertRefused("ResourceNotFound", null,
                Cluster.post(APIS.get(0), "/v1/desired_lrps/get_by_process_guid.r3", guidBody(guid)).json());
        assertEquals(0, Lrps.actuals(APIS.get(0), guid).size(), "unplaced instances are deleted at once");
        guids.remove(guid);
    }
}
