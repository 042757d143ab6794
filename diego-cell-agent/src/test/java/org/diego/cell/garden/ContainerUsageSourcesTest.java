package org.diego.cell.garden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.diego.cell.garden.runc.CgroupUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parsers behind the backends' container metrics, on canned /proc and cgroup files. */
class ContainerUsageSourcesTest {
    @TempDir
    Path dir;

    @Test
    void procStatCpuIsUserPlusSystemTicks() {
        String stat = "4242 (my app (x)) S 1 4242 4242 0 -1 4194560 100 0 0 0 150 50 0 0 20 0 1 0 12345 1000 200";
        assertEquals(200 * ProcStat.NANOS_PER_TICK, ProcStat.cpuNanos(stat));
        assertEquals(-1, ProcStat.cpuNanos("garbage"));
    }

    @Test
    void procStatmResidentIsPages() {
        assertEquals(300L * 4096, ProcStat.residentBytes("1000 300 50 10 0 200 0\n"));
        assertEquals(-1, ProcStat.residentBytes("x"));
    }

    @Test
    void procUsageOfThisJvmIsPositive() {
        ContainerUsage usage = ProcStat.of(java.util.List.of(ProcessHandle.current()), 7);
        assertEquals(7, usage.diskBytes());
        assertEquals(true, usage.memoryBytes() > 0);
    }

    @Test
    void cgroupV1MemoryLessInactiveFileAndCpuacct() throws IOException {
        Path memory = Files.createDirectories(dir.resolve("memory/diego/h1"));
        Files.writeString(memory.resolve("memory.usage_in_bytes"), "10000\n");
        Files.writeString(memory.resolve("memory.stat"), "cache 500\ntotal_inactive_file 1000\n");
        Path cpu = Files.createDirectories(dir.resolve("cpu,cpuacct/diego/h1"));
        Files.writeString(cpu.resolve("cpuacct.usage"), "123456789\n");
        long[] read = new CgroupUsage(dir).read("diego/h1");
        assertEquals(9000, read[0]);
        assertEquals(123456789, read[1]);
    }

    @Test
    void cgroupV2MemoryCurrentAndCpuStat() throws IOException {
        Files.writeString(dir.resolve("cgroup.controllers"), "cpu memory pids\n");
        Path group = Files.createDirectories(dir.resolve("diego/h1"));
        Files.writeString(group.resolve("memory.current"), "8000\n");
        Files.writeString(group.resolve("memory.stat"), "anon 100\ninactive_file 3000\n");
        Files.writeString(group.resolve("cpu.stat"), "usage_usec 42\nuser_usec 40\n");
        long[] read = new CgroupUsage(dir).read("/diego/h1");
        assertEquals(5000, read[0]);
        assertEquals(42_000, read[1]);
    }

    @Test
    void directorySizeCountsFilesAndSkipsWhatItIsTold() throws IOException {
        Files.write(dir.resolve("a"), new byte[100]);
        Path sub = Files.createDirectories(dir.resolve("rootfs"));
        Files.write(sub.resolve("big"), new byte[1000]);
        assertEquals(1100, DirectorySize.of(dir, d -> false));
        assertEquals(100, DirectorySize.of(dir, d -> d.getFileName().toString().equals("rootfs")));
        assertEquals(0, DirectorySize.of(dir.resolve("missing"), d -> false));
    }
}
