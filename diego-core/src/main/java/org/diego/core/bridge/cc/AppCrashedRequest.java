package org.diego.core.bridge.cc;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The TPS watcher's {@code POST /internal/v4/apps/:guid/crashed}: {@code reason} is always
 * {@code CRASHED} and {@code exit_description} the BBS crash reason, as Diego's watcher sends it;
 * {@code crash_timestamp} is the crash's {@code since} in nanoseconds.
 */
public record AppCrashedRequest(String instance, int index, String cellId, String reason,
                                @JsonInclude(JsonInclude.Include.NON_DEFAULT) int exitStatus,
                                @JsonInclude(JsonInclude.Include.NON_EMPTY) String exitDescription,
                                int crashCount, long crashTimestamp) {
}
