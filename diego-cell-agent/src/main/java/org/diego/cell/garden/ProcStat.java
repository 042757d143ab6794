package org.diego.cell.garden;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * CPU time and resident memory of host processes from {@code /proc}, for the process backend's
 * metrics (it has no cgroup). Times in {@code /proc/<pid>/stat} are in clock ticks; Linux reports them
 * at USER_HZ, which is 100 on every architecture Java runs on.
 */
final class ProcStat {
    static final long NANOS_PER_TICK = 10_000_000L;
    private static final long PAGE_SIZE = 4096;

    private ProcStat() {
    }

    /** utime + stime of a {@code stat} line, in nanoseconds; -1 when it cannot be parsed. */
    static long cpuNanos(String stat) {
        int afterName = stat.lastIndexOf(')');
        if (afterName < 0) {
            return -1;
        }
        // Fields after the name start at field 3 (state); utime and stime are fields 14 and 15.
        String[] fields = stat.substring(afterName + 2).trim().split("\\s+");
        if (fields.length < 13) {
            return -1;
        }
        try {
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The resident set of a {@code statm} line, in bytes; -1 when it cannot be parsed. */
    static long residentBytes(String statm) {
        String[] fields = statm.trim().split("\\s+");
        try {
            return fields.length < 2 ? -1 : Long.parseLong(fields[1]) * PAGE_SIZE;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Summed memory and CPU of the processes; one that is gone, or unreadable, counts as nothing. */
    static ContainerUsage of(Collection<ProcessHandle> processes, long diskBytes) {
        long memory = 0;
        long cpu = 0;
        for (ProcessHandle p : processes) {
            Path dir = Path.of("/proc", Long.toString(p.pid()));
            try {
                cpu += Math.max(0, cpuNanos(Files.readString(dir.resolve("stat"))));
                memory += Math.max(0, residentBytes(Files.readString(dir.resolve("statm"))));
            } catch (IOException | RuntimeException e) {
                // exited meanwhile
            }
        }
        return new ContainerUsage(memory, cpu, diskBytes);
    }
}
