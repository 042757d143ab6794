package org.diego.core.api;

import java.util.List;
import org.diego.core.wire.WireMessage;

/**
 * The filter of the desired LRP, scheduling info and routing info lists; every field is optional.
 * {@code app_guids} matches process guids that start with the app guid (Cloud Controller's process
 * guid is the app guid followed by the app version).
 */
@WireMessage("DesiredLRPsRequest")
public record DesiredLRPsRequest(String domain, List<String> processGuids, List<String> appGuids) {
    public static final DesiredLRPsRequest ALL = new DesiredLRPsRequest(null, null, null);

    public DesiredLRPsRequest {
        processGuids = processGuids == null ? List.of() : List.copyOf(processGuids);
        appGuids = appGuids == null ? List.of() : List.copyOf(appGuids);
    }

    /** Diego accepts every filter. */
    public DesiredLRPsRequest validate() {
        return this;
    }
}
