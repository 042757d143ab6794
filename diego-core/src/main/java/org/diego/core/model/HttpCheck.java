package org.diego.core.model;

/** Healthy when {@code GET path} on {@code port} answers 200 within the timeout (Diego's HTTPCheck). */
public record HttpCheck(int port, long requestTimeoutMs, String path, long intervalMs) {
}
