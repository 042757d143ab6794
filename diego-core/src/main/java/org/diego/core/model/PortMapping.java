package org.diego.core.model;

/**
 * A container port and the host port it is reachable on, plus the ports of the TLS proxy in front of
 * it (0 when the cell runs no proxy).
 */
public record PortMapping(int containerPort, int hostPort, int containerTlsProxyPort, int hostTlsProxyPort) {

    /** A plain mapping without a TLS proxy. */
    public PortMapping(int containerPort, int hostPort) {
        this(containerPort, hostPort, 0, 0);
    }
}
