package org.diego.core.bridge.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.diego.core.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StagingResponsesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "STG: Exited with status 222 | NoAppDetectedError | staging failed",
            "STG: Exited with status 223 | BuildpackCompileFailed | staging failed",
            "STG: Exited with status 224 | BuildpackReleaseFailed | staging failed",
            "STG: Exited with status 225 | StagingError | staging failed",
            "STG: Exited with status 1 | StagingError | staging failed",
            "insufficient resources: memory | InsufficientResources | insufficient resources: memory",
            "insufficient resources | InsufficientResources | insufficient resources",
            "found no compatible cell for required rootfs | NoCompatibleCell | found no compatible cell for required rootfs",
            "found no compatible cell with placement tag \"seg\" | NoCompatibleCell | found no compatible cell with placement tag \"seg\"",
            "unable to communicate to compatible cells | CellCommunicationError | unable to communicate to compatible cells",
            "task was cancelled | StagingError | staging failed",
            "Upload failed: Status code 500 | StagingError | staging failed",
    })
    void mapsFailureReasonsToDiegosIds(String reason, String id, String message) {
        StagingResponseForCC r = StagingResponses.fromTask(true, reason, "");
        assertEquals(new StagingError(id, message), r.error());
        assertNull(r.result());
    }

    @Test
    void successPassesTheBuilderResultThrough() {
        String result = "{\"lifecycle_type\":\"buildpack\",\"process_types\":{\"web\":\"./run\"},\"execution_metadata\":\"\"}";
        StagingResponseForCC r = StagingResponses.fromTask(false, "", result);
        assertNull(r.error());
        assertEquals("{\"result\":" + result + "}", Json.write(r));
    }

    @Test
    void errorJsonHasOnlyError() {
        assertEquals("{\"error\":{\"id\":\"NoAppDetectedError\",\"message\":\"staging failed\"}}",
                Json.write(StagingResponses.fromTask(true, "x: Exited with status 222", "")));
    }

    @Test
    void missingOrBrokenResultIsAStagingError() {
        assertEquals(StagingError.STAGING_ERROR, StagingResponses.fromTask(false, "", "").error().id());
        assertEquals(StagingError.STAGING_ERROR, StagingResponses.fromTask(false, "", "{oops").error().id());
    }
}
