package org.diego.core.api;

import org.diego.core.model.DiegoError;
import org.diego.core.wire.WireMessage;

/** The answer to every evacuate route: whether the cell keeps the container, and any error. */
@WireMessage("EvacuationResponse")
public record EvacuationResponse(DiegoError error, boolean keepContainer) {
}
