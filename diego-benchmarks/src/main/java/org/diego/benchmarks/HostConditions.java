package org.diego.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.diego.cell.garden.runc.HostCommand;

/** What the cell benchmarks print about the machine they ran on, for the record. */
final class HostConditions {
    private HostConditions() {
    }

    static void print() {
        System.out.println("host: " + Runtime.getRuntime().availableProcessors() + " cpus, kernel "
                + System.getProperty("os.version") + ", " + firstLine(List.of("runc", "--version")) + ", cgroup "
                + (Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "v2" : "v1") + ", MemAvailable "
                + meminfo("MemAvailable") / 1024 + " MB, load " + loadAverage());
        System.out.println("jvm: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + " " + ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** A /proc/meminfo field in kB. */
    static long meminfo(String field) {
        return ProcStatus.field(Path.of("/proc/meminfo"), field);
    }

    private static String firstLine(List<String> command) {
        try {
            return HostCommand.run(command).output().lines().findFirst().orElse("?");
        } catch (IOException e) {
            return command.get(0) + " ?";
        }
    }
}
