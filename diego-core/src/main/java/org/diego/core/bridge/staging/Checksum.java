package org.diego.core.bridge.staging;

/** A checksum CC sends with a download ({@code {"type": "sha256", "value": "..."}}). */
public record Checksum(String type, String value) {
    public boolean isEmpty() {
        return type == null || type.isEmpty() || value == null || value.isEmpty();
    }
}
