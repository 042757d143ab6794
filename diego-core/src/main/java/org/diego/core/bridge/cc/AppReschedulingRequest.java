package org.diego.core.bridge.cc;

/** {@code POST /internal/v4/apps/:guid/rescheduling}: an instance left an evacuating cell. */
public record AppReschedulingRequest(String instance, int index, String cellId, String reason) {
}
