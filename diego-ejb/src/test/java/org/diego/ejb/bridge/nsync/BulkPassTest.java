package org.diego.ejb.bridge.nsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diego.core.bridge.cc.DesireAppRequestFromCC;
import org.diego.core.bridge.cc.DesiredAppFingerprint;
import org.diego.core.bridge.cc.FingerprintsResponse;
import org.diego.core.bridge.nsync.AppRecipeBuilder;
import org.diego.core.bridge.nsync.RecipeSettings;
import org.diego.core.json.Json;
import org.diego.core.model.DesiredLrp;
import org.junit.jupiter.api.Test;

/** One bulker pass against a fake CC and BBS: repairs, removals, paging and when the domain is bumped. */
class BulkPassTest {
    final FakeLrps bbs = new FakeLrps();
    final AppRecipeBuilder recipes = new AppRecipeBuilder(new RecipeSettings(null, false));
    final FakeCc cc = new FakeCc();

    /** CC's apps by guid, paged by an {"id": offset} token. */
    static final class FakeCc implements CcBulkApi {
        final Map<String, DesireAppRequestFromCC> apps = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();
        boolean failFingerprints;
        boolean dropToken;

        @Override
        public FingerprintsResponse fingerprints(int batchSize, JsonNode token) {
            int from = token == null ? 0 : token.path("id").asInt();
            calls.add("fingerprints " + from);
            if (failFingerprints && from > 0) {
                throw new RuntimeException("CC down");
            }
            List<DesiredAppFingerprint> page = apps.values().stream().skip(from).limit(batchSize)
                    .map(a -> new DesiredAppFingerprint(a.processGuid(), a.etag())).toList();
            JsonNode next = dropToken ? null : Json.readTree("{\"id\":" + (from + page.size()) + "}");
            return new FingerprintsResponse(page, next);
        }

        @Override
        public List<DesireAppRequestFromCC> desiredApps(List<String> guids) {
            calls.add("apps " + guids);
            return guids.stream().map(apps::get).filter(java.util.Objects::nonNull).toList();
        }
    }

    static DesireAppRequestFromCC app(String guid, String etag, int instances) {
        return DesireAppRequestFromCC.builder().processGuid(guid).dropletUri("http://d/" + guid).stack("cflinuxfs4")
                .numInstances(instances).etag(etag).memoryMb(64).diskMb(64).build();
    }

    void inCc(DesireAppRequestFromCC a) {
        cc.apps.put(a.processGuid(), a);
    }

    void inBbs(DesireAppRequestFromCC a) {
        bbs.lrps.put(a.processGuid(), recipes.build(a));
    }

    BulkReport pass(int batch) {
        return new BulkPass(cc, bbs, recipes, batch, 120).run();
    }

    @Test
    void createsMissingUpdatesStaleRemovesExtraAndBumpsTheDomain() {
        inCc(app("same", "1", 1));
        inBbs(app("same", "1", 1));
        inCc(app("stale", "2", 4));
        inBbs(app("stale", "1", 1));
        inCc(app("missing", "1", 2));
        inBbs(app("extra", "1", 1));
        DesiredLrp other = recipes.build(app("other-domain", "1", 1)).toBuilder().domain("tests").build();
        bbs.lrps.put("other-domain", other);

        BulkReport r = pass(2);

        assertEquals(List.of(), r.errors());
        assertEquals(1, r.created());
        assertEquals(1, r.updated());
        assertEquals(1, r.removed());
        assertTrue(r.complete());
        assertTrue(r.domainFresh());
        assertEquals(4, bbs.lrps.get("stale").instances());
        assertEquals("2", bbs.lrps.get("stale").annotation());
        assertEquals(2, bbs.lrps.get("missing").instances());
        assertFalse(bbs.lrps.containsKey("extra"));
        assertTrue(bbs.lrps.containsKey("other-domain"), "only cf-apps LRPs are the bulker's");
        assertEquals(120L, bbs.domains.get("cf-apps"));
        // Pages of two: 3 apps → a full page, then a short one.
        assertEquals(List.of("fingerprints 0", "fingerprints 2", "apps [missing, stale]"), cc.calls);
    }

    @Test
    void anInSyncCcOnlyBumpsTheDomain() {
        inCc(app("a", "1", 1));
        inBbs(app("a", "1", 1));
        BulkReport r = pass(500);
        assertEquals(List.of("domain cf-apps 120"), bbs.calls);
        assertTrue(r.domainFresh());
    }

    @Test
    void aFailedPageRemovesNothingAndLeavesTheDomainStale() {
        inCc(app("a", "1", 1));
        inCc(app("b", "1", 1));
        inBbs(app("extra", "1", 1));
        cc.failFingerprints = true;
        BulkReport r = pass(1);
        assertFalse(r.complete());
        assertFalse(r.domainFresh());
        assertTrue(bbs.lrps.containsKey("extra"));
        assertTrue(bbs.lrps.containsKey("a"), "what was read is still repaired");
        assertTrue(bbs.domains.isEmpty());
    }

    @Test
    void anAnswerWithoutAFingerprintListRemovesNothing() {
        inBbs(app("extra", "1", 1));
        CcBulkApi empty = new CcBulkApi() {
            @Override
            public FingerprintsResponse fingerprints(int batchSize, JsonNode token) {
                return Json.read("{}", FingerprintsResponse.class);
            }

            @Override
            public List<DesireAppRequestFromCC> desiredApps(List<String> guids) {
                return List.of();
            }
        };
        BulkReport r = new BulkPass(empty, bbs, recipes, 500, 120).run();
        assertFalse(r.complete());
        assertTrue(bbs.lrps.containsKey("extra"));
        assertTrue(bbs.domains.isEmpty());
    }

    @Test
    void aFullPageWithoutTokenIsAnError() {
        inCc(app("a", "1", 1));
        cc.dropToken = true;
        BulkReport r = pass(1);
        assertFalse(r.complete());
        assertEquals(1, r.errors().size());
    }

    @Test
    void oneBadAppDoesNotStopTheOthersButKeepsTheDomainStale() {
        inCc(DesireAppRequestFromCC.builder().processGuid("bad").dropletUri("http://d").numInstances(1).etag("1").build());
        inCc(app("good", "1", 1));
        inBbs(app("extra", "1", 1));
        BulkReport r = pass(500);
        assertTrue(bbs.lrps.containsKey("good"));
        assertFalse(bbs.lrps.containsKey("extra"));
        assertEquals(1, r.errors().size(), r.errors().toString());
        assertTrue(r.errors().get(0).startsWith("bad: "), r.errors().toString());
        assertFalse(r.domainFresh());
    }

    @Test
    void aFailedRemovalKeepsTheDomainStale() {
        inBbs(app("extra", "1", 1));
        bbs.failRemove.add("extra");
        BulkReport r = pass(500);
        assertTrue(r.complete());
        assertFalse(r.domainFresh());
    }
}
