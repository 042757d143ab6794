package org.diego.core.time;

import java.util.UUID;

/** Source of new GUIDs (instance guids, modification-tag epochs). */
@FunctionalInterface
public interface GuidGenerator {
    GuidGenerator RANDOM = () -> UUID.randomUUID().toString();

    String newGuid();
}
