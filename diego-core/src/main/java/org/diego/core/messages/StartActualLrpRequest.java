package org.diego.core.messages;

import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;

/**
 * The instance's process is up (request/reply). {@code routable} is Diego's optional field: false while
 * a readiness check has not passed (or failed again), absent (older cells) meaning routable. A cell
 * sends a start again whenever readiness flips.
 */
public record StartActualLrpRequest(ActualLrpKey actualLrpKey, InstanceKey actualLrpInstanceKey,
                                    NetInfo actualLrpNetInfo, Boolean routable) {

    /** Without readiness: routable. */
    public StartActualLrpRequest(ActualLrpKey actualLrpKey, InstanceKey actualLrpInstanceKey,
                                 NetInfo actualLrpNetInfo) {
        this(actualLrpKey, actualLrpInstanceKey, actualLrpNetInfo, null);
    }
}
