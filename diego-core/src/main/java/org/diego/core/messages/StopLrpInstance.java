package org.diego.core.messages;

import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.InstanceKey;

/** Stop this container; the cell then removes the ActualLRP. */
public record StopLrpInstance(ActualLrpKey actualLrpKey, InstanceKey actualLrpInstanceKey) {
}
