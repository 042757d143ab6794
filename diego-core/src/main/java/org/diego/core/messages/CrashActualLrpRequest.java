package org.diego.core.messages;

import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.InstanceKey;

/** The instance's process exited without being asked to stop (request/reply). */
public record CrashActualLrpRequest(ActualLrpKey actualLrpKey, InstanceKey actualLrpInstanceKey,
                                    String errorMessage) {
}
