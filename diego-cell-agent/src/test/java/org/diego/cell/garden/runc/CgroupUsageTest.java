package org.diego.cell.garden.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading OOM kills from cgroup files laid out in a temp dir, as v1 and v2 hosts have them. */
class CgroupUsageTest {
    private static final String V1_KILLED = "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n";
    private static final String V2_KILLED = "low 0\nhigh 0\nmax 31\noom 1\noom_kill 1\noom_group_kill 0\n";

    @TempDir
    Path root;

    @Test
    void theOomKillLineCounts() {
        assertEquals(2, CgroupUsage.value(V1_KILLED, "oom_kill"));
        assertEquals(0, CgroupUsage.value("oom_kill_disable 0\nunder_oom 0\noom_kill 0\n", "oom_kill"));
        assertEquals(1, CgroupUsage.value(V2_KILLED, "oom_kill"), "not oom, nor oom_group_kill");
        assertEquals(0, CgroupUsage.value("low 0\nhigh 0\nmax 31\noom 0\noom_kill 0\noom_group_kill 3\n", "oom_kill"));
    }

    @Test
    void aKernelWithoutTheCounterReportsNoKillEvenUnderOom() {
        // Before Linux 4.13 there is no oom_kill line; under_oom is no evidence of a kill.
        assertEquals(0, CgroupUsage.value("oom_kill_disable 0\nunder_oom 1\n", "oom_kill"));
    }

    @Test
    void cgroupV1ReadsMemoryOomControl() throws IOException {
        write(root.resolve("memory/diego/h1/memory.oom_control"), V1_KILLED);
        write(root.resolve("memory/diego/h2/memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
        CgroupUsage cgroups = new CgroupUsage(root);

        assertEquals(2, cgroups.oomKills("diego/h1"));
        assertEquals(0, cgroups.oomKills("/diego/h2"));
        assertThrows(IOException.class, () -> cgroups.oomKills("diego/gone"));
    }

    @Test
    void cgroupV2ReadsMemoryEvents() throws IOException {
        write(root.resolve("cgroup.controllers"), "cpu memory pids\n");
        write(root.resolve("diego/h1/memory.events"), V2_KILLED);
        CgroupUsage cgroups = new CgroupUsage(root);

        assertEquals(1, cgroups.oomKills("diego/h1"));
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
