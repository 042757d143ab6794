package org.diego.core.bridge.cc;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.diego.core.model.NetInfo;

/**
 * One app instance as TPS answers CC (Diego's cc_messages.LRPInstance): {@code since} and
 * {@code uptime} in seconds; {@code details} (the placement error), {@code host}, {@code port} and
 * {@code stats} only when known.
 */
public record LrpInstance(
        String processGuid,
        String instanceGuid,
        int index,
        LrpInstanceState state,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String details,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String host,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int port,
        NetInfo netInfo,
        long uptime,
        long since,
        LrpInstanceStats stats) {

    public LrpInstance withStats(String host, int port, LrpInstanceStats stats) {
        return new LrpInstance(processGuid, instanceGuid, index, state, details, host, port, netInfo, uptime, since,
                stats);
    }
}
