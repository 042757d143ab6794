package org.diego.core.api;

import org.diego.core.wire.WireMessage;

/** {@code POST /v1/ping}: whether this instance serves the API. */
@WireMessage("PingResponse")
public record PingResponse(boolean available) {
}
