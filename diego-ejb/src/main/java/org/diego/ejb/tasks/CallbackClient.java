package org.diego.ejb.tasks;

import java.io.IOException;

/** POSTs one JSON body; the seam between callback delivery and the network. */
@FunctionalInterface
public interface CallbackClient {
    /**
     * Returns the HTTP status of the answer. A transport failure is an IOException (timeouts are
     * {@link java.net.http.HttpTimeoutException}); a URL the client cannot use is an IllegalArgumentException.
     */
    int post(String url, String json) throws IOException, InterruptedException;
}
