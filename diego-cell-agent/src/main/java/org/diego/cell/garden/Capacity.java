package org.diego.cell.garden;

/**
 * What the backend's host can hold (Garden's Capacity): physical memory and the work dir's file system
 * in bytes, and how many containers it can create at most. The rep advertises its own configured
 * resources; this is what the backend itself can offer.
 */
public record Capacity(long memoryBytes, long diskBytes, long maxContainers) {
}
