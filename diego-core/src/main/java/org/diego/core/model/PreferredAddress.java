package org.diego.core.model;

/** Which address clients should use to reach an instance (Diego's ActualLRPNetInfo.PreferredAddress). */
public enum PreferredAddress {
    UNKNOWN, INSTANCE, HOST
}
