package org.diego.cell.garden.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.diego.cell.garden.ContainerLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits written into cgroup files laid out in a temp dir, as v1 and v2 hosts have them. */
class CgroupLimitsTest {
    private static final long MB = 1024 * 1024;
    private static final String UNLIMITED_V1 = "9223372036854771712";

    @TempDir
    Path root;

    @Test
    void cgroupV1GetsWhatOciSpecWouldHaveSet() throws IOException {
        Path memory = files(root.resolve("memory/diego/w1"), "memory.limit_in_bytes", "memory.memsw.limit_in_bytes");
        Path pids = files(root.resolve("pids/diego/w1"), "pids.max");
        Path cpu = files(root.resolve("cpu/diego/w1"), "cpu.shares");

        new CgroupLimits(root).apply("/diego/w1", new ContainerLimits(64 * MB, 128 * MB, 20, 1), true);

        assertEquals(Long.toString(64 * MB), Files.readString(memory.resolve("memory.limit_in_bytes")));
        assertEquals(Long.toString(64 * MB), Files.readString(memory.resolve("memory.memsw.limit_in_bytes")));
        assertEquals("20", Files.readString(pids.resolve("pids.max")));
        assertEquals("2", Files.readString(cpu.resolve("cpu.shares")), "the kernel's minimum");
    }

    @Test
    void zeroLeavesAFileAloneAndNoSwapAccountingLeavesMemsw() throws IOException {
        Path memory = files(root.resolve("memory/diego/w2"), "memory.limit_in_bytes", "memory.memsw.limit_in_bytes");
        Path cpu = files(root.resolve("cpu,cpuacct/diego/w2"), "cpu.shares");

        new CgroupLimits(root).apply("diego/w2", new ContainerLimits(32 * MB, 0, 0, 100), false);

        assertEquals(Long.toString(32 * MB), Files.readString(memory.resolve("memory.limit_in_bytes")));
        assertEquals(UNLIMITED_V1, Files.readString(memory.resolve("memory.memsw.limit_in_bytes")));
        assertEquals("100", Files.readString(cpu.resolve("cpu.shares")), "cpu,cpuacct without a cpu link");
    }

    @Test
    void cgroupV2LimitsMemoryWithoutSwapAndConvertsShares() throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), "cpu memory pids\n");
        Path dir = files(root.resolve("diego/w3"), "memory.max", "memory.swap.max", "pids.max", "cpu.weight");
        CgroupLimits limits = new CgroupLimits(root);

        limits.apply("diego/w3", new ContainerLimits(64 * MB, 0, 30, 1024), true);

        assertEquals(Long.toString(64 * MB), Files.readString(dir.resolve("memory.max")));
        assertEquals("0", Files.readString(dir.resolve("memory.swap.max")));
        assertEquals("30", Files.readString(dir.resolve("pids.max")));
        assertEquals("39", Files.readString(dir.resolve("cpu.weight")), "runc's 1 + (1024 - 2) * 9999 / 262142");
        assertEquals(1, CgroupLimits.weight(2));
        assertEquals(10000, CgroupLimits.weight(262144));
    }

    @Test
    void aMissingControllerFileFails() throws IOException {
        files(root.resolve("memory/diego/w4"), "memory.limit_in_bytes");
        assertThrows(IOException.class, () -> new CgroupLimits(root).apply("diego/w4",
                new ContainerLimits(64 * MB, 0, 20, 0), false), "no pids cgroup");
    }

    /** A cgroup directory with the given files, each "unlimited". */
    private static Path files(Path dir, String... names) throws IOException {
        Files.createDirectories(dir);
        for (String name : names) {
            Files.writeString(dir.resolve(name), name.endsWith("limit_in_bytes") ? UNLIMITED_V1 : "max");
        }
        return dir;
    }
}
