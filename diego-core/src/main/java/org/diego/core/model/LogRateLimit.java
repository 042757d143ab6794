package org.diego.core.model;

/** Log lines per second an instance may emit, in bytes; -1 means unlimited. */
public record LogRateLimit(long bytesPerSecond) {

    public void validate(String field) {
        if (bytesPerSecond < -1) {
            throw new ValidationException(field, "bytes_per_second must be -1 (unlimited) or more");
        }
    }
}
