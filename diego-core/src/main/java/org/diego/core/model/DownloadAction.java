package org.diego.core.model;

/** Fetches {@code from} (extracting tar/tgz/zip archives) into {@code to} in the container. */
public record DownloadAction(String artifact, String from, String to, String cacheKey, String logSource, String user,
                             String checksumAlgorithm, String checksumValue) {

    public void validate(String field) {
        Validation.required(Validation.sub(field, "from"), from);
        Validation.required(Validation.sub(field, "to"), to);
        Validation.required(Validation.sub(field, "user"), user);
        Validation.checksum(field, checksumAlgorithm, checksumValue);
    }
}
