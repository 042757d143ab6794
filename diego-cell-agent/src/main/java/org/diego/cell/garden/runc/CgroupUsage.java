package org.diego.cell.garden.runc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A runc container's memory and CPU from its cgroups. On cgroup v1, memory is
 * {@code memory.usage_in_bytes} less {@code total_inactive_file} of {@code memory.stat} (page cache the
 * kernel reclaims first; Garden reports the same "usage toward limit"), CPU is {@code cpuacct.usage}. On
 * cgroup v2, {@code memory.current} less {@code inactive_file} and {@code usage_usec} of {@code cpu.stat}.
 */
public final class CgroupUsage {
    private final Path root;

    /** @param root where the cgroup controllers are mounted, normally {@code /sys/fs/cgroup} */
    public CgroupUsage(Path root) {
        this.root = root;
    }

    /** Memory bytes and CPU nanoseconds of the cgroup {@code path} (e.g. {@code diego/<handle>}). */
    public long[] read(String path) throws IOException {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (Files.exists(root.resolve("cgroup.controllers"))) {
            Path dir = root.resolve(relative);
            long memory = Long.parseLong(Files.readString(dir.resolve("memory.current")).trim());
            long inactive = statValue(dir.resolve("memory.stat"), "inactive_file");
            long cpuMicros = statValue(dir.resolve("cpu.stat"), "usage_usec");
            return new long[] {Math.max(0, memory - inactive), cpuMicros * 1000};
        }
        Path memoryDir = root.resolve("memory").resolve(relative);
        long memory = Long.parseLong(Files.readString(memoryDir.resolve("memory.usage_in_bytes")).trim());
        long inactive = statValue(memoryDir.resolve("memory.stat"), "total_inactive_file");
        Path cpuacct = root.resolve("cpuacct").resolve(relative);
        if (!Files.isDirectory(cpuacct)) {
            cpuacct = root.resolve("cpu,cpuacct").resolve(relative);
        }
        long cpu = Long.parseLong(Files.readString(cpuacct.resolve("cpuacct.usage")).trim());
        return new long[] {Math.max(0, memory - inactive), cpu};
    }

    /** The value of {@code key} in a "key value" per line file; 0 when absent or unreadable. */
    static long statValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                int space = line.indexOf(' ');
                if (space > 0 && line.substring(0, space).equals(key)) {
                    return Long.parseLong(line.substring(space + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not accounted here
        }
        return 0;
    }
}
