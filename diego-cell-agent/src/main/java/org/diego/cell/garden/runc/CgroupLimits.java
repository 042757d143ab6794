package org.diego.cell.garden.runc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.diego.cell.garden.ContainerLimits;

/**
 * Writes a container's limits straight into the cgroups runc made for it, for a container whose init
 * already runs without limits (a warm one, see docs/07-garden-runc.md §2): the values {@link OciSpec}
 * would have put into {@code config.json}, and zero still means "leave unlimited". A file write costs
 * microseconds where {@code runc update} costs a runc invocation.
 *
 * <p>cgroup v1: {@code memory.limit_in_bytes} then {@code memory.memsw.limit_in_bytes} (the kernel refuses
 * a memory+swap limit below the memory limit, so memory goes first from unlimited), {@code pids.max},
 * {@code cpu.shares}. cgroup v2: {@code memory.max}, {@code memory.swap.max} = 0 (v2 limits swap alone,
 * and memory+swap = memory means no swap, as runc converts it), {@code pids.max}, {@code cpu.weight}
 * converted from shares with runc's formula.
 */
public final class CgroupLimits {
    private final Path root;

    /** @param root where the cgroup controllers are mounted, normally {@code /sys/fs/cgroup} */
    public CgroupLimits(Path root) {
        this.root = root;
    }

    /** Whether the host has the unified hierarchy only (cgroup v2), as {@link CgroupUsage} decides it. */
    public boolean unified() {
        return Files.exists(root.resolve("cgroup.controllers"));
    }

    /** Applies {@code limits} to the cgroup {@code path} (e.g. {@code diego/<id>}); the first failure stops it. */
    public void apply(String path, ContainerLimits limits, boolean swapAccounting) throws IOException {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (unified()) {
            applyV2(root.resolve(relative), limits, swapAccounting);
        } else {
            applyV1(relative, limits, swapAccounting);
        }
    }

    private void applyV1(String relative, ContainerLimits limits, boolean swapAccounting) throws IOException {
        if (limits.memoryBytes() > 0) {
            Path memory = root.resolve("memory").resolve(relative);
            write(memory.resolve("memory.limit_in_bytes"), limits.memoryBytes());
            if (swapAccounting) {
                write(memory.resolve("memory.memsw.limit_in_bytes"), limits.memoryBytes());
            }
        }
        if (limits.maxPids() > 0) {
            write(root.resolve("pids").resolve(relative).resolve("pids.max"), limits.maxPids());
        }
        if (limits.cpuShares() > 0) {
            Path cpu = root.resolve("cpu");
            if (!Files.isDirectory(cpu)) {
                cpu = root.resolve("cpu,cpuacct");
            }
            write(cpu.resolve(relative).resolve("cpu.shares"), shares(limits));
        }
    }

    private static void applyV2(Path dir, ContainerLimits limits, boolean swapAccounting) throws IOException {
        if (limits.memoryBytes() > 0) {
            write(dir.resolve("memory.max"), limits.memoryBytes());
            if (swapAccounting) {
                write(dir.resolve("memory.swap.max"), 0);
            }
        }
        if (limits.maxPids() > 0) {
            write(dir.resolve("pids.max"), limits.maxPids());
        }
        if (limits.cpuShares() > 0) {
            write(dir.resolve("cpu.weight"), weight(shares(limits)));
        }
    }

    /** The kernel's minimum is 2, as in {@link OciSpec}. */
    private static long shares(ContainerLimits limits) {
        return Math.max(2, limits.cpuShares());
    }

    /** runc's conversion of v1 shares [2, 262144] to a v2 weight [1, 10000]. */
    static long weight(long shares) {
        return 1 + ((shares - 2) * 9999) / 262142;
    }

    /**
     * Into the existing file, as a cgroup file must be written: no create, no rename. A missing file (a
     * controller the host lacks) is an IOException like any refused value.
     */
    private static void write(Path file, long value) throws IOException {
        Files.writeString(file, Long.toString(value), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
