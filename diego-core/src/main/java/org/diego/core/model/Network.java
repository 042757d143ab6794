package org.diego.core.model;

import java.util.Map;

/** Opaque properties handed to the container networking plugin (e.g. policy group ids). */
public record Network(Map<String, String> properties) {
    public Network {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
}
