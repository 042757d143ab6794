package org.diego.core.model;

/** A download the cell caches and bind-mounts read-only at {@code to} before the setup action. */
public record CachedDependency(String name, String from, String to, String cacheKey, String logSource,
                               String checksumAlgorithm, String checksumValue) {

    public void validate(String field) {
        Validation.required(Validation.sub(field, "from"), from);
        Validation.required(Validation.sub(field, "to"), to);
        Validation.checksum(field, checksumAlgorithm, checksumValue);
    }
}
