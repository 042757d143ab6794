package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.diego.system.cc.BridgeHttp;
import org.diego.system.cc.BulkApps;
import org.diego.system.cc.CloudControllerStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The nsync bulker against a CC stand-in serving {@code /internal/bulk/apps}: an app CC has and the BBS
 * lacks gets desired, a stale one (etag differs) gets updated, a {@code cf-apps} LRP CC does not have
 * is removed, an LRP of another domain is left alone, and the {@code cf-apps} domain is upserted; an app
 * removed from the BBS behind nsync's back is desired again with CC's etag; a CC answering garbage
 * makes the pass incomplete, so nothing is removed and the domain is not refreshed. Only
 * DesiredLRPs are checked, so any cell backend will do. The wait follows
 * {@code diego.nsync.bulk-interval-seconds} in system-test.properties (default 30 s: add a shorter one
 * there to make this test faster).
 */
class BulkerSystemIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String API = Cluster.apis().get(0);
    private static final Duration INTERVAL = Duration.ofSeconds(interval());
    /** Two passes and some slack: the first may have started just before the stand-in changed. */
    private static final Duration PATIENCE = INTERVAL.multipliedBy(2).plusSeconds(20);
    private static CloudControllerStandIn cc;
    private static BulkApps bulk;

    private static long interval() {
        try (InputStream in = BulkerSystemIT.class.getResourceAsStream("/system-test.properties")) {
            Properties p = new Properties();
            p.load(in);
            return Long.parseLong(p.getProperty("diego.nsync.bulk-interval-seconds", "30").trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void startCc() {
        cc = CloudControllerStandIn.start(CloudControllerStandIn.DEFAULT_PORT);
        bulk = BulkApps.on(cc);
    }

    @AfterAll
    static void stopCc() {
        cc.close();
    }

    static String app(String guid, int instances, String etag) {
        return """
                {"process_guid": "%s", "docker_image": "busybox", "start_command": "sleep 3600",
                 "execution_metadata": "{}", "memory_mb": 32, "disk_mb": 32, "num_instances": %d,
                 "log_guid": "%s", "etag": "%s", "health_check_type": "process"}
                """.formatted(guid, instances, guid, etag);
    }

    static JsonNode desired(String guid) {
        return Cluster.post(API, "/v1/desired_lrps/get_by_process_guid.r3", "{\"process_guid\":\"" + guid + "\"}").json();
    }

    static boolean exists(String guid) {
        return !desired(guid).has("error");
    }

    static String bbsLrp(String guid, String domain) {
        return """
                {"desired_lrp": {"process_guid": "%s", "domain": "%s", "rootfs": "preloaded:cflinuxfs4",
                 "instances": 0, "memory_mb": 32, "disk_mb": 32, "annotation": "old",
                 "action": {"run": {"path": "/bin/sh", "args": ["-c", "sleep 3600"]}}}}
                """.formatted(guid, domain);
    }

    static long domainExpiry() {
        try (Connection db = Cluster.database();
             PreparedStatement q = db.prepareStatement("SELECT expires_at FROM domains WHERE domain = 'cf-apps'")) {
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void repairsMissingStaleAndExtraAppsThenMarksCfAppsFresh() {
        String missing = "bulk-missing-" + RUN;
        String stale = "bulk-stale-" + RUN;
        String extra = "bulk-extra-" + RUN;
        String otherDomain = "bulk-other-" + RUN;
        try {
            // The stale app was desired through nsync with etag 1; CC now says etag 2 and 2 instances.
            bulk.put(app(stale, 0, "1"));
            assertEquals(202, BridgeHttp.send("PUT", API + "/nsync/v1/apps/" + stale, app(stale, 0, "1")).status());
            bulk.put(app(stale, 2, "2"));
            bulk.put(app(missing, 0, "1"));
            Cluster.post(API, "/v1/desired_lrp/desire.r2", bbsLrp(extra, "cf-apps")).assertOk();
            Cluster.post(API, "/v1/desired_lrp/desire.r2", bbsLrp(otherDomain, "bulk-it")).assertOk();
            long expiryBefore = domainExpiry();

            Cluster.await("bulker desires " + missing, PATIENCE, () -> exists(missing), () -> desired(missing));
            JsonNode created = desired(missing).path("desired_lrp");
            assertEquals("cf-apps", created.path("domain").asText());
            assertEquals("1", created.path("annotation").asText());
            Cluster.await("bulker updates " + stale, PATIENCE,
                    () -> "2".equals(desired(stale).path("desired_lrp").path("annotation").asText()), () -> desired(stale));
            assertEquals(2, desired(stale).path("desired_lrp").path("instances").asInt());
            Cluster.await("bulker removes " + extra, PATIENCE, () -> !exists(extra), () -> desired(extra));
            assertTrue(exists(otherDomain), "an LRP of another domain is not the bulker's");
            Cluster.await("cf-apps domain upserted", PATIENCE, () -> domainExpiry() > expiryBefore,
                    BulkerSystemIT::domainExpiry);
            assertTrue(Cluster.post(API, "/v1/domains/list", "{}").json().path("domains").toString().contains("cf-apps"));
            assertTrue(cc.requests("GET", "/internal/bulk/apps").get(0).query().contains("format=fingerprint"));
        } finally {
            bulk.remove(missing);
            bulk.remove(stale);
            for (String guid : new String[] {missing, stale, extra, otherDomain}) {
                Cluster.post(API, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}");
            }
        }
    }

    @Test
    void recreatesAnAppRemovedBehindItsBack() {
        String guid = "bulk-removed-" + RUN;
        try {
            String body = app(guid, 0, "etag-r1");
            bulk.put(body);
            assertEquals(202, BridgeHttp.send("PUT", API + "/nsync/v1/apps/" + guid, body).status());
            JsonNode first = desired(guid).path("desired_lrp");
            assertEquals("etag-r1", first.path("annotation").asText(), first.toString());

            // Removed through the BBS, not nsync: only the bulker can notice CC still has it. A desire
            // gets a new modification epoch, which tells the recreated LRP from the first one.
            String epoch = first.path("modification_tag").path("epoch").asText();
            assertFalse(epoch.isEmpty(), first.toString());
            Cluster.post(API, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}").assertOk();
            Cluster.await("bulker recreates " + guid, PATIENCE, () -> exists(guid)
                    && !epoch.equals(desired(guid).path("desired_lrp").path("modification_tag").path("epoch").asText()),
                    () -> desired(guid));
            JsonNode again = desired(guid).path("desired_lrp");
            assertEquals("etag-r1", again.path("annotation").asText(), "CC's etag, as when nsync desired it");
            assertEquals("cf-apps", again.path("domain").asText());
            assertEquals(first.path("rootfs"), again.path("rootfs"));
            assertEquals(first.path("action"), again.path("action"), "the same recipe");
        } finally {
            bulk.remove(guid);
            Cluster.post(API, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}");
        }
    }

    @Test
    void aCcAnsweringGarbageRemovesNothing() {
        String kept = "bulk-kept-" + RUN;
        try {
            // The bulk API breaks first, so no good pass sees the LRP without CC knowing it.
            cc.handle("GET", "/internal/bulk/apps", r -> CloudControllerStandIn.Reply.json(500, "{}"));
            Cluster.post(API, "/v1/desired_lrp/desire.r2", bbsLrp(kept, "cf-apps")).assertOk();
            int before = cc.requests("GET", "/internal/bulk/apps").size();
            Cluster.await("a bulker pass against the broken CC", PATIENCE,
                    () -> cc.requests("GET", "/internal/bulk/apps").size() > before, () -> cc.requests());
            // Passes run one after another, so a clean pass that began before the breakage has finished
            // (and upserted) by now; two more requests mean at least one whole broken pass since.
            long freshness = domainExpiry();
            int seen = cc.requests("GET", "/internal/bulk/apps").size();
            Cluster.await("two more bulker passes against the broken CC", PATIENCE,
                    () -> cc.requests("GET", "/internal/bulk/apps").size() >= seen + 2, () -> cc.requests());
            assertTrue(exists(kept), "an incomplete pass removes nothing");
            assertEquals(freshness, domainExpiry(), "an incomplete pass leaves the cf-apps domain as fresh as it was");
        } finally {
            BulkApps restored = BulkApps.on(cc);
            bulk = restored;
            Cluster.post(API, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + kept + "\"}");
        }
    }
}
