package org.diego.core.model;

/** A container port and the host port it is reachable on. */
public record PortMapping(int containerPort, int hostPort) {
}
