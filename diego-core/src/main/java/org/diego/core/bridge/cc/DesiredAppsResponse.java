package org.diego.core.bridge.cc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** CC's answer to {@code POST /internal/bulk/apps} (a list of guids): the full desire of each app. */
public record DesiredAppsResponse(List<DesireAppRequestFromCC> apps, JsonNode token) {
    public DesiredAppsResponse {
        apps = apps == null ? List.of() : List.copyOf(apps);
    }
}
