package org.diego.ejb.bridge.staging;

import java.io.IOException;

/** POSTs a StagingResponseForCC to CC; returns CC's status. */
@FunctionalInterface
public interface CompletionPoster {
    int post(String url, String json) throws IOException, InterruptedException;
}
