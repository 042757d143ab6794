package org.diego.core.messages;

import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;

/** The instance's process is up (request/reply). */
public record StartActualLrpRequest(ActualLrpKey actualLrpKey, InstanceKey actualLrpInstanceKey,
                                    NetInfo actualLrpNetInfo) {
}
