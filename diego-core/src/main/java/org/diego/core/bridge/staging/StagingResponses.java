package org.diego.core.bridge.staging;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.diego.core.auction.Scheduler;
import org.diego.core.json.Json;
import org.diego.core.model.DiegoException;

/**
 * Turns a finished staging Task into the StagingResponseForCC for Cloud Controller. Like Diego's
 * stager, a failure reason ending in a builder exit code becomes that code's id (with the fixed
 * message "staging failed", since the reason may carry log text), the auctioneer's placement errors
 * keep their message under their own ids, and anything else is a StagingError "staging failed".
 */
public final class StagingResponses {
    public static final String STAGING_FAILED = "staging failed";
    /** Diego's CELL_MISMATCH_MESSAGE: every "found no compatible cell ..." of {@link Scheduler}. */
    static final String CELL_MISMATCH_PREFIX = "found no compatible cell";
    private static final Pattern TRAILING_CODE = Pattern.compile("(\\d+)\\s*$");

    private StagingResponses() {
    }

    /** The response for a Task's end: its failure, or its result JSON (which must then be JSON). */
    public static StagingResponseForCC fromTask(boolean failed, String failureReason, String result) {
        if (failed) {
            return StagingResponseForCC.failure(errorId(failureReason), message(failureReason));
        }
        if (result == null || result.isBlank()) {
            return StagingResponseForCC.failure(StagingError.STAGING_ERROR, "staging produced no result");
        }
        try {
            JsonNode tree = Json.readTree(result);
            return StagingResponseForCC.success(tree);
        } catch (DiegoException e) {
            return StagingResponseForCC.failure(StagingError.STAGING_ERROR, "staging result is not JSON");
        }
    }

    /** The error id a failure reason maps to. */
    public static String errorId(String reason) {
        String r = reason == null ? "" : reason;
        Matcher code = TRAILING_CODE.matcher(r);
        if (code.find()) {
            switch (code.group(1)) {
                case "222":
                    return StagingError.NO_APP_DETECTED;
                case "223":
                    return StagingError.BUILDPACK_COMPILE_FAILED;
                case "224":
                    return StagingError.BUILDPACK_RELEASE_FAILED;
                default:
                    break;
            }
        }
        if (r.startsWith(Scheduler.INSUFFICIENT_RESOURCES)) {
            return StagingError.INSUFFICIENT_RESOURCES;
        }
        if (r.startsWith(CELL_MISMATCH_PREFIX)) {
            return StagingError.NO_COMPATIBLE_CELL;
        }
        if (r.equals(Scheduler.NO_CELLS)) {
            return StagingError.CELL_COMMUNICATION_ERROR;
        }
        return StagingError.STAGING_ERROR;
    }

    /** Placement errors keep their text (it tells the user what to change); the rest say "staging failed". */
    static String message(String reason) {
        String id = errorId(reason);
        boolean placement = id.equals(StagingError.INSUFFICIENT_RESOURCES) || id.equals(StagingError.NO_COMPATIBLE_CELL)
                || id.equals(StagingError.CELL_COMMUNICATION_ERROR);
        return placement ? reason : STAGING_FAILED;
    }
}
