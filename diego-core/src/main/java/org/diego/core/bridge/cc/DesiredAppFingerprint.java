package org.diego.core.bridge.cc;

/** What CC's bulk API says an app should be: its process guid and the etag of its current desire. */
public record DesiredAppFingerprint(String processGuid, String etag) {
}
