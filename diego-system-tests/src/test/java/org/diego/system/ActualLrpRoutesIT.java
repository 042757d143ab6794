package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every ActualLRP route over HTTP, driven the way a rep drives them. The LRPs use a rootfs no cell
 * offers, so the auctioneer leaves their instances UNCLAIMED (with a placement error) for the test to
 * claim in the names of the live cells {@code cell-1} and {@code cell-2}: convergence then sees those
 * instances on present cells and leaves them alone, and a stop sent to a cell for an instance it does
 * not run makes that cell remove the row, as a rep does.
 */
class ActualLrpRoutesIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String UNPLACEABLE_ROOTFS = "preloaded:routes-it-only";
    private final String api = Cluster.apis().get(0);
    private final List<String> guids = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        for (String guid : guids) {
            // An evacuating row is its cell's to remove; a retire would only ask that cell to stop it.
            for (JsonNode row : Lrps.actuals(api, guid)) {
                if ("EVACUATING".equals(row.path("presence").asText())) {
                    post("/v1/actual_lrps/remove_evacuating", "{\"actual_lrp_key\": " + key(guid, row.path("index").asInt(),
                            row.path("domain").asText()) + ", \"actual_lrp_instance_key\": "
                            + instanceKey(row.path("instance_guid").asText(), row.path("cell_id").asText()) + "}");
                }
            }
            Cluster.post(api, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}");
        }
        for (String guid : guids) {
            Cluster.await(guid + " removed", PATIENCE, () -> Lrps.actuals(api, guid).isEmpty(), () -> Lrps.actuals(api, guid));
        }
    }

    // ---- lists ------------------------------------------------------------------------------------------

    @Test
    void listsFilterByProcessGuidIndexDomainAndCell() {
        String domain = "routes-it-" + System.nanoTime();
        String guid = desire("routes-list-" + System.nanoTime(), 3, domain);
        String other = desire("routes-list-other-" + System.nanoTime(), 1, domain);
        ok(claim(guid, 1, "ig-list", "cell-1"));

        assertEquals(3, list("{\"process_guid\":\"" + guid + "\"}").size());
        JsonNode one = list("{\"process_guid\":\"" + guid + "\", \"index\": 1}");
        assertEquals(1, one.size(), one.toString());
        assertEquals("CLAIMED", one.get(0).path("state").asText());
        JsonNode zero = list("{\"process_guid\":\"" + guid + "\", \"index\": 0}");
        assertEquals(1, zero.size(), "index 0 is a filter, not an absent one: " + zero);
        assertEquals(0, zero.get(0).path("index").asInt());
        assertEquals(4, list("{\"domain\":\"" + domain + "\"}").size(), "both LRPs of the domain");
        Set<String> onCell = new HashSet<>();
        list("{\"cell_id\":\"cell-1\", \"domain\":\"" + domain + "\"}").forEach(a -> onCell.add(a.path("instance_guid").asText()));
        assertEquals(Set.of("ig-list"), onCell);
        assertTrue(list("").size() >= 4, "an empty body lists everything");

        JsonNode both = post("/v1/actual_lrps/list_by_process_guids",
                "{\"process_guids\": [\"" + guid + "\", \"" + other + "\"]}").path("actual_lrps");
        assertEquals(4, both.size(), both.toString());
        JsonNode none = post("/v1/actual_lrps/list_by_process_guids", "{\"process_guids\": []}");
        assertInvalid(none, "process_guids");

        JsonNode groups = post("/v1/actual_lrp_groups/list_by_process_guid", "{\"process_guid\":\"" + guid + "\"}");
        assertEquals(3, groups.path("actual_lrp_groups").size(), groups.toString());
        JsonNode group = post("/v1/actual_lrp_groups/get_by_process_guid_and_index",
                "{\"process_guid\":\"" + guid + "\", \"index\": 1}");
        assertEquals("ig-list", group.path("actual_lrp_group").path("instance").path("instance_guid").asText(), group.toString());
        JsonNode missing = post("/v1/actual_lrp_groups/get_by_process_guid_and_index",
                "{\"process_guid\":\"" + guid + "\", \"index\": 7}");
        assertEquals("ResourceNotFound", missing.path("error").path("type").asText(), missing.toString());
    }

    // ---- claim, start, crash, remove ---------------------------------------------------------------------

    @Test
    void twoCellsClaimingOneInstanceAtOnceHaveExactlyOneWinner() throws Exception {
        String guid = desire("routes-claim-" + System.nanoTime(), 1, "routes-it");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (String cell : List.of("cell-1", "cell-2")) {
                // Each contender talks to its own instance of the deployment group.
                String target = Cluster.apis().get(cell.equals("cell-1") ? 0 : Cluster.apis().size() - 1);
                answers.add(pool.submit(() -> {
                    go.await();
                    return Cluster.post(target, "/v1/actual_lrps/claim", claimBody(guid, 0, "ig-" + cell, cell)).json();
                }));
            }
            go.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<JsonNode> f : answers) {
                JsonNode r = f.get(30, TimeUnit.SECONDS);
                outcomes.add(r.has("error") ? r.path("error").path("type").asText() : "won");
            }
            assertEquals(1, outcomes.stream().filter("won"::equals).count(), outcomes.toString());
            assertEquals(1, outcomes.stream().filter("ActualLRPCannotBeClaimed"::equals).count(), outcomes.toString());
        } finally {
            pool.shutdownNow();
        }
        JsonNode row = Lrps.instance(api, guid, 0);
        assertEquals("CLAIMED", row.path("state").asText());
        assertTrue(row.path("modification_tag").path("index").asInt() >= 1, row.toString());
    }

    @Test
    void startCrashAndRemoveFollowTheStateMachine() {
        String guid = desire("routes-flow-" + System.nanoTime(), 1, "routes-it");
        ok(claim(guid, 0, "ig-a", "cell-1"));
        int claimedTag = tag(guid, 0);

        ok(post("/v1/actual_lrps/start.r1", startBody(guid, 0, "ig-a", "cell-1", "10.0.0.1", ",\"Routable\": false,"
                + " \"availability_zone\": \"z1\", \"actual_lrp_internal_routes\": [{\"hostname\": \"a.internal\"}],"
                + " \"metric_tags\": {\"app\": \"flow\"}")));
        JsonNode running = Lrps.instance(api, guid, 0);
        assertEquals("RUNNING", running.path("state").asText());
        assertEquals("10.0.0.1", running.path("address").asText());
        assertEquals(false, running.path("routable").asBoolean(true), running.toString());
        assertEquals("z1", running.path("availability_zone").asText());
        assertEquals("a.internal", running.path("actual_lrp_internal_routes").get(0).path("hostname").asText());
        assertEquals("flow", running.path("metric_tags").path("app").asText());
        assertEquals(claimedTag + 1, tag(guid, 0), "one write, one bump");

        ok(post("/v1/actual_lrps/start.r1", startBody(guid, 0, "ig-a", "cell-1", "10.0.0.1", ",\"Routable\": false,"
                + " \"availability_zone\": \"z1\", \"actual_lrp_internal_routes\": [{\"hostname\": \"a.internal\"}],"
                + " \"metric_tags\": {\"app\": \"flow\"}")));
        assertEquals(claimedTag + 1, tag(guid, 0), "a repeated start with the same report writes nothing");

        ok(post("/v1/actual_lrps/start", startBody(guid, 0, "ig-a", "cell-1", "10.0.0.1", "")));
        JsonNode r0 = Lrps.instance(api, guid, 0);
        assertTrue(r0.path("routable").asBoolean(), "an absent Routable means routable: " + r0);
        assertEquals(0, r0.path("actual_lrp_internal_routes").size(), "r0 stores no internal routes: " + r0);

        JsonNode stolen = post("/v1/actual_lrps/start.r1", startBody(guid, 0, "ig-b", "cell-2", "10.0.0.2", ""));
        assertEquals("ActualLRPCannotBeStarted", stolen.path("error").path("type").asText(), stolen.toString());

        JsonNode foreignCrash = post("/v1/actual_lrps/crash", "{\"actual_lrp_key\": " + key(guid, 0, "routes-it")
                + ", \"actual_lrp_instance_key\": " + instanceKey("ig-b", "cell-2") + ", \"error_message\": \"no\"}");
        assertEquals("ActualLRPCannotBeCrashed", foreignCrash.path("error").path("type").asText());
        ok(post("/v1/actual_lrps/crash", "{\"actual_lrp_key\": " + key(guid, 0, "routes-it")
                + ", \"actual_lrp_instance_key\": " + instanceKey("ig-a", "cell-1") + ", \"error_message\": \"exit 1\"}"));
        JsonNode crashed = Lrps.instance(api, guid, 0);
        assertEquals("UNCLAIMED", crashed.path("state").asText(), "the first crash restarts at once: " + crashed);
        assertEquals(1, crashed.path("crash_count").asInt());
        assertEquals("exit 1", crashed.path("crash_reason").asText());

        ok(claim(guid, 0, "ig-c", "cell-2"));
        JsonNode notMine = post("/v1/actual_lrps/remove", "{\"process_guid\":\"" + guid + "\", \"index\": 0,"
                + " \"actual_lrp_instance_key\": " + instanceKey("ig-a", "cell-1") + "}");
        assertEquals("ResourceNotFound", notMine.path("error").path("type").asText(), notMine.toString());
        ok(post("/v1/actual_lrps/remove", "{\"process_guid\":\"" + guid + "\", \"index\": 0,"
                + " \"actual_lrp_instance_key\": " + instanceKey("ig-c", "cell-2") + "}"));
        Cluster.await("the removed row gone or recreated by convergence", PATIENCE, () -> {
            JsonNode rows = Lrps.actuals(api, guid);
            return rows.isEmpty() || !"ig-c".equals(rows.get(0).path("instance_guid").asText());
        }, () -> Lrps.actuals(api, guid));
    }

    @Test
    void failRecordsAPlacementErrorOnlyOnAWaitingInstance() {
        String guid = desire("routes-fail-" + System.nanoTime(), 1, "routes-it");
        // The auctioneer fails the instance too (no cell has its rootfs): let its write land first, or it
        // could overwrite ours between the fail and the read. It tries again only after a convergence pass.
        Cluster.await("the auctioneer's placement error", PATIENCE,
                () -> !Lrps.instance(api, guid, 0).path("placement_error").asText().isEmpty(),
                () -> Lrps.instance(api, guid, 0));
        ok(post("/v1/actual_lrps/fail", "{\"actual_lrp_key\": " + key(guid, 0, "routes-it")
                + ", \"error_message\": \"found no compatible cell\"}"));
        assertEquals("found no compatible cell", Lrps.instance(api, guid, 0).path("placement_error").asText());
        ok(claim(guid, 0, "ig-f", "cell-1"));
        JsonNode refused = post("/v1/actual_lrps/fail", "{\"actual_lrp_key\": " + key(guid, 0, "routes-it")
                + ", \"error_message\": \"late\"}");
        assertEquals("ActualLRPCannotBeFailed", refused.path("error").path("type").asText(), refused.toString());
        ok(post("/v1/actual_lrps/fail", "{\"actual_lrp_key\": " + key(guid, 9, "routes-it")
                + ", \"error_message\": \"x\"}"));
    }

    // ---- retire -----------------------------------------------------------------------------------------

    @Test
    void retireStopsARunningInstanceOnItsCellAndDeletesAnUnclaimedOne() {
        String guid = desire("routes-retire-" + System.nanoTime(), 2, "routes-it");
        ok(claim(guid, 0, "ig-r", "cell-1"));
        ok(post("/v1/actual_lrps/start.r1", startBody(guid, 0, "ig-r", "cell-1", "10.0.0.9", "")));

        ok(post("/v1/actual_lrps/retire", "{\"actual_lrp_key\": " + key(guid, 0, "routes-it") + "}"));
        // cell-1 runs no such container: told to stop it, it removes the row as a rep does.
        Cluster.await("cell-1 removed the retired instance", PATIENCE, () -> {
            for (JsonNode a : Lrps.actuals(api, guid)) {
                if ("ig-r".equals(a.path("instance_guid").asText())) {
                    return false;
                }
            }
            return true;
        }, () -> Lrps.actuals(api, guid));

        String epoch = Lrps.instance(api, guid, 1).path("modification_tag").path("epoch").asText();
        ok(post("/v1/actual_lrps/retire", "{\"actual_lrp_key\": " + key(guid, 1, "routes-it") + "}"));
        JsonNode left = list("{\"process_guid\":\"" + guid + "\", \"index\": 1}");
        assertTrue(left.isEmpty() || !epoch.equals(left.get(0).path("modification_tag").path("epoch").asText()),
                "the UNCLAIMED row was deleted at once (convergence may since have made a new one): " + left);

        JsonNode unknown = post("/v1/actual_lrps/retire", "{\"actual_lrp_key\": " + key(guid, 5, "routes-it") + "}");
        assertEquals("ResourceNotFound", unknown.path("error").path("type").asText(), unknown.toString());
    }

    // ---- evacuation -------------------------------------------------------------------------------------

    @Test
    void evacuateRunningKeepsTheContainerAndAuctionsAReplacement() {
        String guid = desire("routes-evac-" + System.nanoTime(), 1, "routes-it");
        ok(claim(guid, 0, "ig-old", "cell-1"));
        ok(post("/v1/actual_lrps/start.r1", startBody(guid, 0, "ig-old", "cell-1", "10.0.0.5", "")));

        String report = evacuateRunningBody(guid, "ig-old", "cell-1", "10.0.0.5");
        JsonNode first = post("/v1/actual_lrps/evacuate_running.r1", report);
        assertFalse(first.has("error"), first.toString());
        assertTrue(first.path("keep_container").asBoolean(), "the old instance keeps serving: " + first);

        JsonNode evacuating = row(guid, "EVACUATING");
        assertEquals("ig-old", evacuating.path("instance_guid").asText());
        assertEquals("RUNNING", evacuating.path("state").asText());
        assertEquals("10.0.0.5", evacuating.path("address").asText());
        JsonNode replacement = row(guid, "ORDINARY");
        assertEquals("UNCLAIMED", replacement.path("state").asText(), replacement.toString());
        Cluster.await("the replacement auctioned (no cell offers the rootfs, so it fails placement)", PATIENCE,
                () -> !row(guid, "ORDINARY").path("placement_error").asText().isEmpty(), () -> Lrps.actuals(api, guid));

        int evacTag = row(guid, "EVACUATING").path("modification_tag").path("index").asInt();
        JsonNode again = post("/v1/actual_lrps/evacuate_running.r1", report);
        assertTrue(again.path("keep_container").asBoolean(), again.toString());
        assertEquals(evacTag, row(guid, "EVACUATING").path("modification_tag").path("index").asInt(),
                "a repeated report changes nothing");

        JsonNode groups = post("/v1/actual_lrp_groups/get_by_process_guid_and_index",
                "{\"process_guid\":\"" + guid + "\", \"index\": 0}").path("actual_lrp_group");
        assertEquals("ig-old", groups.path("evacuating").path("instance_guid").asText(), groups.toString());

        // The replacement runs on cell-2: the evacuating row goes, and the old cell is told to drop its container.
        ok(claim(guid, 0, "ig-new", "cell-2"));
        ok(post("/v1/actual_lrps/start.r1", startBody(guid, 0, "ig-new", "cell-2", "10.0.0.6", "")));
        assertEquals(1, Lrps.actuals(api, guid).size(), "only the replacement is left: " + Lrps.actuals(api, guid));
        JsonNode done = post("/v1/actual_lrps/evacuate_running.r1", report);
        assertFalse(done.path("keep_container").asBoolean(), done.toString());
        assertEquals("ig-new", Lrps.instance(api, guid, 0).path("instance_guid").asText());
    }

    @Test
    void evacuateClaimedGivesTheInstanceBackAndStoppedRemovesIt() {
        String guid = desire("routes-evac-claimed-" + System.nanoTime(), 2, "routes-it");
        ok(claim(guid, 0, "ig-c0", "cell-1"));
        JsonNode claimed = post("/v1/actual_lrps/evacuate_claimed", "{\"actual_lrp_key\": " + key(guid, 0, "routes-it")
                + ", \"actual_lrp_instance_key\": " + instanceKey("ig-c0", "cell-1") + "}");
        assertFalse(claimed.has("error"), claimed.toString());
        assertFalse(claimed.path("keep_container").asBoolean());
        assertEquals("UNCLAIMED", Lrps.instance(api, guid, 0).path("state").asText());

        ok(claim(guid, 1, "ig-c1", "cell-1"));
        JsonNode stopped = post("/v1/actual_lrps/evacuate_stopped", "{\"actual_lrp_key\": " + key(guid, 1, "routes-it")
                + ", \"actual_lrp_instance_key\": " + instanceKey("ig-c1", "cell-1") + "}");
        assertFalse(stopped.has("error"), stopped.toString());
        JsonNode unknown = post("/v1/actual_lrps/evacuate_stopped", "{\"actual_lrp_key\": " + key(guid, 1, "routes-it")
                + ", \"actual_lrp_instance_key\": " + instanceKey("ig-c1", "cell-1") + "}");
        assertEquals("ResourceNotFound", unknown.path("error").path("type").asText(), unknown.toString());
    }

    @Test
    void removeEvacuatingDropsOnlyTheEvacuatingRowTheCellHolds() {
        String guid = desire("routes-remove-evac-" + System.nanoTime(), 1, "routes-it");
        // The index is still UNCLAIMED: a running container reported while evacuating gets an evacuating row.
        JsonNode created = post("/v1/actual_lrps/evacuate_running.r1", evacuateRunningBody(guid, "ig-e", "cell-1", "10.0.0.7"));
        assertTrue(created.path("keep_container").asBoolean(), created.toString());
        assertEquals("ig-e", row(guid, "EVACUATING").path("instance_guid").asText());

        String body = "{\"actual_lrp_key\": " + key(guid, 0, "routes-it") + ", \"actual_lrp_instance_key\": ";
        JsonNode foreign = post("/v1/actual_lrps/remove_evacuating", body + instanceKey("ig-x", "cell-2") + "}");
        assertEquals("ResourceNotFound", foreign.path("error").path("type").asText(), foreign.toString());
        ok(post("/v1/actual_lrps/remove_evacuating", body + instanceKey("ig-e", "cell-1") + "}"));
        assertEquals(List.of("ORDINARY"), presences(guid));
        JsonNode again = post("/v1/actual_lrps/remove_evacuating", body + instanceKey("ig-e", "cell-1") + "}");
        assertEquals("ResourceNotFound", again.path("error").path("type").asText(), again.toString());
    }

    // ---- bad input --------------------------------------------------------------------------------------

    @Test
    void badInputIsAnInvalidRequestNamingTheFieldAndChangesNothing() {
        String guid = desire("routes-bad-" + System.nanoTime(), 1, "routes-it");
        // Claimed on a live cell, the row is one neither the auctioneer nor convergence writes meanwhile.
        ok(claim(guid, 0, "ig-bad", "cell-1"));
        String before = Lrps.actuals(api, guid).toString();

        assertInvalid(post("/v1/actual_lrps/claim", "{\"process_guid\":\"" + guid + "\", \"index\": 0,"
                + " \"actual_lrp_instance_key\": {\"cell_id\": \"cell-1\"}}"), "actual_lrp_instance_key.instance_guid");
        assertInvalid(post("/v1/actual_lrps/claim", "{\"index\": 0, \"actual_lrp_instance_key\": "
                + instanceKey("ig", "cell-1") + "}"), "process_guid");
        assertInvalid(post("/v1/actual_lrps/start.r1", "{\"actual_lrp_key\": " + key(guid, 0, "routes-it")
                + ", \"actual_lrp_instance_key\": " + instanceKey("ig", "cell-1") + "}"), "actual_lrp_net_info");
        assertInvalid(post("/v1/actual_lrps/crash", "{\"actual_lrp_key\": {\"process_guid\": \"" + guid + "\", \"index\": 0},"
                + " \"actual_lrp_instance_key\": " + instanceKey("ig", "cell-1") + "}"), "actual_lrp_key.domain");
        assertInvalid(post("/v1/actual_lrps/remove", "{\"process_guid\":\"" + guid + "\", \"index\": -1}"), "index");
        assertInvalid(post("/v1/actual_lrps/retire", "{}"), "actual_lrp_key");
        assertInvalid(post("/v1/actual_lrps/fail", "{\"actual_lrp_key\": " + key(guid, 0, "routes-it") + "}"),
                "error_message");
        JsonNode evac = post("/v1/actual_lrps/evacuate_running.r1", "{\"actual_lrp_key\": " + key(guid, 0, "routes-it") + "}");
        assertInvalid(evac, "actual_lrp_instance_key");
        assertTrue(evac.path("keep_container").asBoolean(), "an unreadable running report keeps the container: " + evac);

        assertEquals(before, Lrps.actuals(api, guid).toString(), "refused requests changed nothing");
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private String desire(String guid, int instances, String domain) {
        String body = Lrps.desireBody(guid, instances).replace("preloaded:cflinuxfs4", UNPLACEABLE_ROOTFS)
                .replace("\"domain\": \"skeleton\"", "\"domain\": \"" + domain + "\"");
        ok(post("/v1/desired_lrp/desire.r2", body));
        guids.add(guid);
        return guid;
    }

    private JsonNode post(String path, String body) {
        Cluster.Response r = Cluster.post(api, path, body);
        assertEquals(200, r.status(), path + ": " + r.body());
        return r.json();
    }

    private JsonNode list(String body) {
        return post("/v1/actual_lrps/list", body).path("actual_lrps");
    }

    private JsonNode claim(String guid, int index, String instanceGuid, String cell) {
        return post("/v1/actual_lrps/claim", claimBody(guid, index, instanceGuid, cell));
    }

    private static String claimBody(String guid, int index, String instanceGuid, String cell) {
        return "{\"process_guid\":\"" + guid + "\", \"index\": " + index + ", \"actual_lrp_instance_key\": "
                + instanceKey(instanceGuid, cell) + "}";
    }

    private static String startBody(String guid, int index, String instanceGuid, String cell, String address, String extra) {
        return "{\"actual_lrp_key\": " + key(guid, index, "routes-it") + ", \"actual_lrp_instance_key\": "
                + instanceKey(instanceGuid, cell) + ", \"actual_lrp_net_info\": {\"address\": \"" + address
                + "\", \"ports\": [{\"container_port\": 8080, \"host_port\": 61000}], \"instance_address\": \"172.16.0.1\","
                + " \"preferred_address\": \"HOST\"}" + extra + "}";
    }

    private static String evacuateRunningBody(String guid, String instanceGuid, String cell, String address) {
        return startBody(guid, 0, instanceGuid, cell, address, "");
    }

    private static String key(String guid, int index, String domain) {
        return "{\"process_guid\": \"" + guid + "\", \"index\": " + index + ", \"domain\": \"" + domain + "\"}";
    }

    private static String instanceKey(String instanceGuid, String cell) {
        return "{\"instance_guid\": \"" + instanceGuid + "\", \"cell_id\": \"" + cell + "\"}";
    }

    private int tag(String guid, int index) {
        return Lrps.instance(api, guid, index).path("modification_tag").path("index").asInt();
    }

    private JsonNode row(String guid, String presence) {
        for (JsonNode a : Lrps.actuals(api, guid)) {
            if (presence.equals(a.path("presence").asText())) {
                return a;
            }
        }
        throw new AssertionError("no " + presence + " row for " + guid + " in " + Lrps.actuals(api, guid));
    }

    private List<String> presences(String guid) {
        List<String> out = new ArrayList<>();
        Lrps.actuals(api, guid).forEach(a -> out.add(a.path("presence").asText()));
        return out;
    }

    private static void ok(JsonNode response) {
        assertFalse(response.has("error"), response.toString());
    }

    private static void assertInvalid(JsonNode response, String field) {
        assertEquals("InvalidRequest", response.path("error").path("type").asText(), response.toString());
        assertTrue(response.path("error").path("message").asText().contains(field), field + " in " + response);
    }
}
