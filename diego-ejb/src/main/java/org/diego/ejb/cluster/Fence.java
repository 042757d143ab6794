package org.diego.ejb.cluster;

/** The proof a write carries that it is made by the current holder of a role. */
public record Fence(String role, long token) {
}
