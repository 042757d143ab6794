package org.diego.core.bridge.tps;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A POST the TPS watcher owes CC: {@code /internal/v4/apps/<process_guid>/<kind>} with {@code body} as JSON. */
public record AppNotification(String processGuid, String kind, Object body) {
    public static final String CRASHED = "crashed";
    public static final String RESCHEDULING = "rescheduling";
    public static final String READINESS_CHANGED = "readiness_changed";

    public String path() {
        return "/internal/v4/apps/" + URLEncoder.encode(processGuid, StandardCharsets.UTF_8) + "/" + kind;
    }
}
