package org.diego.core.bridge.staging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the stager POSTs to CC's completion callback (and answers a refused PUT with): either an
 * {@code error} or the builder's {@code result} JSON, passed through as the builder wrote it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StagingResponseForCC(StagingError error, JsonNode result) {
    public static StagingResponseForCC failure(String id, String message) {
        return new StagingResponseForCC(new StagingError(id, message), null);
    }

    public static StagingResponseForCC success(JsonNode result) {
        return new StagingResponseForCC(null, result);
    }
}
