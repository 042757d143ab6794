package org.diego.cell.garden.runc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A runc container's memory and CPU from its cgroups. On cgroup v1, memory is
 * {@code memory.usage_in_bytes} less {@code total_inactive_file} of {@code memory.stat} (page cache the
 * kernel reclaims first; Garden reports the same "usage toward limit"), CPU is {@code cpuacct.usage}. On
 * cgroup v2, {@code memory.current} less {@code inactive_file} and {@code usage_usec} of {@code cpu.stat}.
 * It also tells how often the OOM killer ended one of the cgroup's processes ({@link #oomKills}).
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

    /**
     * How many processes of the cgroup {@code path} the kernel's OOM killer has killed: {@code oom_kill} of
     * {@code memory.oom_control} on cgroup v1, of {@code memory.events} on v2. Kernels before 4.13 have no
     * such line: then 0, with no guess from other files, since neither v1's {@code under_oom} (set only
     * while a cgroup whose OOM killer is disabled waits for memory) nor {@code failcnt} (every charge that
     * hit the limit, even ones reclaim satisfied) says that a process was killed.
     */
    public long oomKills(String path) throws IOException {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        Path file = Files.exists(root.resolve("cgroup.controllers"))
                ? root.resolve(relative).resolve("memory.events")
                : root.resolve("memory").resolve(relative).resolve("memory.oom_control");
        return value(Files.readString(file), "oom_kill");
    }

    /** The value of {@code key} in a "key value" per line file; 0 when absent or unreadable. */
    static long statValue(Path file, String key) {
        try {
            return value(Files.readString(file), key);
        } catch (IOException | RuntimeException e) {
            return 0; // not accounted here
        }
    }

    /** The value of {@code key} in "key value" lines; 0 when absent. */
    static long value(String text, String key) {
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.substring(0, space).equals(key)) {
                return Long.parseLong(line.substring(space + 1).trim());
            }
        }
        return 0;
    }
}
