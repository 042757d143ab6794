package org.diego.ejb.bridge.nsync;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.diego.core.bridge.cc.DesireAppRequestFromCC;
import org.diego.core.bridge.cc.DesiredAppFingerprint;
import org.diego.core.bridge.cc.FingerprintsResponse;
import org.diego.core.bridge.nsync.AppRecipeBuilder;
import org.diego.core.bridge.nsync.BulkDiff;
import org.diego.core.bridge.nsync.Recipes;
import org.diego.core.model.DesiredLrp;

/**
 * One bulker pass (Diego's nsync {@code LRPProcessor.sync}): read the {@code cf-apps} scheduling infos,
 * page through CC's fingerprints ({@code token} from each page; a page shorter than the batch is the
 * last), diff, fetch the full desire of missing and stale apps in batches and create or update them,
 * then — only when every page was read — remove the LRPs CC no longer has, and — only when nothing at
 * all failed — upsert the {@code cf-apps} domain so convergence may act on it. One app's failure does
 * not stop the others.
 */
public final class BulkPass {
    private static final Logger LOG = Logger.getLogger(BulkPass.class.getName());
    /** A CC that keeps answering full pages would otherwise hold the bulker forever. */
    static final int MAX_PAGES = 100_000;

    private final CcBulkApi cc;
    private final LrpStore bbs;
    private final AppRecipeBuilder recipes;
    private final int batchSize;
    private final long domainTtlSeconds;

    public BulkPass(CcBulkApi cc, LrpStore bbs, AppRecipeBuilder recipes, int batchSize, long domainTtlSeconds) {
        this.cc = cc;
        this.bbs = bbs;
        this.recipes = recipes;
        this.batchSize = batchSize;
        this.domainTtlSeconds = domainTtlSeconds;
    }

    public BulkReport run() {
        List<String> errors = new ArrayList<>();
        var existing = bbs.appSchedulingInfos();
        List<DesiredAppFingerprint> fingerprints = new ArrayList<>();
        boolean complete = fetchFingerprints(fingerprints, errors);
        BulkDiff diff = BulkDiff.of(fingerprints, existing);
        int created = 0;
        int updated = 0;
        Set<String> missing = new HashSet<>(diff.missing());
        List<String> toFetch = diff.toFetch();
        for (int from = 0; from < toFetch.size(); from += batchSize) {
            List<String> batch = toFetch.subList(from, Math.min(toFetch.size(), from + batchSize));
            List<DesireAppRequestFromCC> apps;
            try {
                apps = cc.desiredApps(batch);
            } catch (RuntimeException e) {
                errors.add("fetching " + batch.size() + " desired app(s): " + e.getMessage());
                continue;
            }
            for (DesireAppRequestFromCC app : apps) {
                try {
                    if (missing.contains(app.processGuid())) {
                        bbs.desire(recipes.build(app));
                        created++;
                    } else {
                        DesiredLrp lrp = bbs.find(app.processGuid());
                        if (lrp == null) {
                            bbs.desire(recipes.build(app));
                            created++;
                        } else {
                            bbs.update(app.processGuid(), recipes.update(lrp, app));
                            updated++;
                        }
                    }
                } catch (RuntimeException e) {
                    errors.add(app.processGuid() + ": " + e.getMessage());
                }
            }
        }
        int removed = 0;
        if (complete) {
            for (String guid : diff.extra()) {
                try {
                    bbs.remove(guid);
                    removed++;
                } catch (RuntimeException e) {
                    errors.add("removing " + guid + ": " + e.getMessage());
                }
            }
        }
        boolean fresh = false;
        if (complete && errors.isEmpty()) {
            try {
                bbs.upsertDomain(Recipes.APP_DOMAIN, domainTtlSeconds);
                fresh = true;
            } catch (RuntimeException e) {
                errors.add("upserting domain " + Recipes.APP_DOMAIN + ": " + e.getMessage());
            }
        }
        BulkReport report = new BulkReport(fingerprints.size(), created, updated, removed, errors, complete, fresh);
        if (!errors.isEmpty()) {
            LOG.warning(() -> "nsync bulk pass: " + report);
        } else {
            LOG.fine(() -> "nsync bulk pass: " + report);
        }
        return report;
    }

    private boolean fetchFingerprints(List<DesiredAppFingerprint> into, List<String> errors) {
        JsonNode token = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            FingerprintsResponse r;
            try {
                r = cc.fingerprints(batchSize, token);
            } catch (RuntimeException e) {
                errors.add("fetching fingerprints: " + e.getMessage());
                return false;
            }
            if (r == null || r.fingerprints() == null) {
                errors.add("fetching fingerprints: CC's answer has no fingerprints list");
                return false;
            }
            into.addAll(r.fingerprints());
            if (r.fingerprints().size() < batchSize) {
                return true;
            }
            if (r.token() == null || r.token().isNull()) {
                errors.add("fetching fingerprints: token not included in a full page");
                return false;
            }
            token = r.token();
        }
        errors.add("fetching fingerprints: more than " + MAX_PAGES + " pages");
        return false;
    }
}
