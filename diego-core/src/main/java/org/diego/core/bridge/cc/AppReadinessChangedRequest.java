package org.diego.core.bridge.cc;

/** {@code POST /internal/v4/apps/:guid/readiness_changed}: an instance's readiness (routable) flipped. */
public record AppReadinessChangedRequest(String instance, int index, String cellId, boolean ready) {
}
