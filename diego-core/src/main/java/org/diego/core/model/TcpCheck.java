package org.diego.core.model;

/** Healthy when a TCP connection to {@code port} opens within the timeout (Diego's TCPCheck). */
public record TcpCheck(int port, long connectTimeoutMs, long intervalMs) {
}
