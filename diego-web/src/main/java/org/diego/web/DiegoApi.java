package org.diego.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The BBS API at the root context, so Diego's paths ({@code /v1/...}) are unchanged. */
@ApplicationPath("/")
public class DiegoApi extends Application {
    /**
     * Payara's Jersey registers a JSON-B body provider for every type; it would win over our
     * {@code wire} providers and speak camelCase. Diego's JSON names come only from our providers.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.disableJsonBinding", true);
    }
}
