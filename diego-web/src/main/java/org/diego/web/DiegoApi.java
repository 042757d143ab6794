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
     * Its MOXy JSON provider is switched off too: asked whether it can read or write our records, it
     * tried to build a JAXB context for each request, failed and logged the stack trace under a lock,
     * which serialised concurrent requests (the largest wait in the BBS benchmark's profile).
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.disableJsonBinding", true,
                "jersey.config.disableMoxyJson", true,
                // Names no JSON feature, so none of the auto-discovered ones (Jackson included) registers.
                "jersey.config.jsonFeature", "DiegoWire");
    }
}
