package org.diego.core.messages;

import org.diego.core.model.InstanceKey;

/** A cell reserved a container for this instance and claims it (request/reply). */
public record ClaimActualLrpRequest(String processGuid, int index, InstanceKey actualLrpInstanceKey) {
}
