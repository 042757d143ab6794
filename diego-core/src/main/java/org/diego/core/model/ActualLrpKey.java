package org.diego.core.model;

/** Identifies one instance slot of a DesiredLRP. */
public record ActualLrpKey(String processGuid, int index, String domain) {
}
