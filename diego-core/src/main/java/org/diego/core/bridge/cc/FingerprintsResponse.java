package org.diego.core.bridge.cc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of {@code GET /internal/bulk/apps?format=fingerprint}: the fingerprints and the opaque
 * {@code token} to pass back for the next page (CC's {@code {"id": n}}). A page shorter than the batch
 * ends the walk. {@code fingerprints} stays null when CC's answer lacks it: that is not an empty CC
 * (which would make the bulker remove every app) but an answer the bulker refuses.
 */
public record FingerprintsResponse(List<DesiredAppFingerprint> fingerprints, JsonNode token) {
    public FingerprintsResponse {
        fingerprints = fingerprints == null ? null : List.copyOf(fingerprints);
    }
}
