package org.diego.cell.garden;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Garden's Capacity as guardian computes it: the host's physical memory and the work dir's file system. */
final class HostCapacity {
    private HostCapacity() {
    }

    static Capacity of(Path workDir, long maxContainers) {
        long memory = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize();
        }
        long disk = 0;
        try {
            Path existing = workDir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null) {
                disk = Files.getFileStore(existing).getTotalSpace();
            }
        } catch (IOException e) {
            disk = 0; // unknown
        }
        return new Capacity(memory, disk, maxContainers);
    }
}
