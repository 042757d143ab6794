package org.diego.ejb.bridge.nsync;

import java.util.List;

/**
 * What one bulker pass did. {@code complete} = every fingerprint page was read (only then are extras
 * removed); {@code domainFresh} = the pass was clean and the {@code cf-apps} domain was upserted.
 */
public record BulkReport(int fingerprints, int created, int updated, int removed, List<String> errors,
                         boolean complete, boolean domainFresh) {
    public BulkReport {
        errors = List.copyOf(errors);
    }
}
