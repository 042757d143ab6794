package org.diego.core.model;

/** A hostname the instance answers to on the container network (Diego's ActualLRPInternalRoute). */
public record ActualLrpInternalRoute(String hostname) {
}
