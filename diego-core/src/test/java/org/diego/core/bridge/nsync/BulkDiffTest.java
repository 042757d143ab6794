package org.diego.core.bridge.nsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.diego.core.bridge.cc.DesiredAppFingerprint;
import org.diego.core.model.DesiredLrpKey;
import org.diego.core.model.DesiredLrpSchedulingInfo;
import org.junit.jupiter.api.Test;

/** The bulker's diff: missing, stale and extra cf-apps LRPs. */
class BulkDiffTest {

    static DesiredLrpSchedulingInfo info(String guid, String domain, String annotation) {
        return new DesiredLrpSchedulingInfo(new DesiredLrpKey(guid, domain, ""), annotation, 1, null, null, null,
                null, null);
    }

    static DesiredAppFingerprint fp(String guid, String etag) {
        return new DesiredAppFingerprint(guid, etag);
    }

    @Test
    void sortsEveryCase() {
        BulkDiff d = BulkDiff.of(
                List.of(fp("same", "1"), fp("stale", "2"), fp("missing", "1"), fp("other-domain", "1")),
                List.of(info("same", "cf-apps", "1"), info("stale", "cf-apps", "1"), info("extra", "cf-apps", "x"),
                        info("other-domain", "tests", "1"), info("not-cc", "tests", "")));
        assertEquals(List.of("missing", "other-domain"), d.missing());
        assertEquals(List.of("stale"), d.stale());
        assertEquals(List.of("extra"), d.extra());
        assertEquals(List.of("missing", "other-domain", "stale"), d.toFetch());
        assertFalse(d.inSync());
    }

    @Test
    void nullEtagsEqualEmptyAnnotationsAndDuplicatesCountOnce() {
        BulkDiff d = BulkDiff.of(List.of(fp("a", null), fp("a", null), fp("b", ""), fp("", "1")),
                List.of(info("a", "cf-apps", ""), info("b", "cf-apps", null)));
        assertTrue(d.inSync(), d.toString());
    }

    @Test
    void anEmptyCcRemovesEveryApp() {
        BulkDiff d = BulkDiff.of(List.of(), List.of(info("a", "cf-apps", "1"), info("b", "cf-apps", "1")));
        assertEquals(List.of("a", "b"), d.extra());
    }
}
