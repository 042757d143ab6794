package org.diego.core.bridge.cc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of {@code GET /internal/bulk/apps?format=fingerprint}: the fingerprints and the opaque
 * {@code token} to pass back for the next page (CC's {@code {"id": n}}). An empty page ends the walk.
 */
public record FingerprintsResponse(List<DesiredAppFingerprint> fingerprints, JsonNode token) {
    public FingerprintsResponse {
        fingerprints = fingerprints == null ? List.of() : List.copyOf(fingerprints);
    }
}
