package org.diego.core.bridge.nsync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.diego.core.bridge.cc.DesiredAppFingerprint;
import org.diego.core.model.DesiredLrpSchedulingInfo;

/**
 * The bulker's comparison (Diego's {@code nsync/bulk/app_differ}) of every fingerprint CC listed with
 * the {@code cf-apps} scheduling infos of the BBS: <em>missing</em> apps CC has and the BBS lacks,
 * <em>stale</em> ones whose etag differs from the LRP's annotation, <em>extra</em> LRPs CC no longer
 * has. Each list keeps CC's (or the BBS's) order and holds a guid once.
 */
public record BulkDiff(List<String> missing, List<String> stale, List<String> extra) {

    public BulkDiff {
        missing = List.copyOf(missing);
        stale = List.copyOf(stale);
        extra = List.copyOf(extra);
    }

    /** {@code existing} should hold only cf-apps LRPs; others are ignored here anyway. */
    public static BulkDiff of(List<DesiredAppFingerprint> fromCc, List<DesiredLrpSchedulingInfo> existing) {
        Map<String, String> annotations = new LinkedHashMap<>();
        for (DesiredLrpSchedulingInfo info : existing) {
            if (Recipes.APP_DOMAIN.equals(info.domain())) {
                annotations.put(info.processGuid(), info.annotation() == null ? "" : info.annotation());
            }
        }
        Set<String> missing = new LinkedHashSet<>();
        Set<String> stale = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        for (DesiredAppFingerprint f : fromCc) {
            String guid = f.processGuid();
            if (guid == null || guid.isEmpty() || !seen.add(guid)) {
                continue;
            }
            String annotation = annotations.get(guid);
            String etag = f.etag() == null ? "" : f.etag();
            if (annotation == null) {
                missing.add(guid);
            } else if (!annotation.equals(etag)) {
                stale.add(guid);
            }
        }
        List<String> extra = new ArrayList<>();
        for (String guid : annotations.keySet()) {
            if (!seen.contains(guid)) {
                extra.add(guid);
            }
        }
        return new BulkDiff(new ArrayList<>(missing), new ArrayList<>(stale), extra);
    }

    /** The apps whose full desire the bulker must fetch from CC: missing and stale. */
    public List<String> toFetch() {
        List<String> all = new ArrayList<>(missing);
        all.addAll(stale);
        return all;
    }

    public boolean inSync() {
        return missing.isEmpty() && stale.isEmpty() && extra.isEmpty();
    }
}
