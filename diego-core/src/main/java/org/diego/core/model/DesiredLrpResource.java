package org.diego.core.model;

/** What one instance needs from a cell; flattened into the scheduling info JSON. */
public record DesiredLrpResource(int memoryMb, int diskMb, String rootfs, int maxPids) {

    public void validate() {
        Validation.rootfs("rootfs", rootfs);
        Validation.nonNegative("memory_mb", memoryMb);
        Validation.nonNegative("disk_mb", diskMb);
        Validation.nonNegative("max_pids", maxPids);
    }
}
