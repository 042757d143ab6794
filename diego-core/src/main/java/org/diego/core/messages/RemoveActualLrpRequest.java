package org.diego.core.messages;

import org.diego.core.model.InstanceKey;

/** The instance was stopped on request and its container is gone (request/reply). */
public record RemoveActualLrpRequest(String processGuid, int index, InstanceKey actualLrpInstanceKey) {
}
