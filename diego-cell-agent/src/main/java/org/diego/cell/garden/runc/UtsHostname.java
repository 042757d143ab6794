package org.diego.cell.garden.runc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Renames a running container from the host: {@code nsenter} joins only the UTS namespace of the
 * container's init and writes {@code /proc/sys/kernel/hostname} there (it is per UTS namespace). The
 * write takes any name the kernel takes, where {@code hostname(1)} refuses e.g. underscores, which
 * handles may have. Costs a fork+exec of nsenter and sh.
 */
public final class UtsHostname {
    private UtsHostname() {
    }

    /**
     * Sets the host name of the UTS namespace of {@code initPid}, which must be the init of the container
     * whose cgroup is {@code cgroupPath} (e.g. {@code diego/<id>}): checked first, so a pid the host has
     * reused after the init died never leads to renaming some other namespace, the host's above all.
     */
    public static void set(long initPid, String cgroupPath, String hostname) throws IOException {
        String cgroup = "/" + (cgroupPath.startsWith("/") ? cgroupPath.substring(1) : cgroupPath);
        Path proc = Path.of("/proc", Long.toString(initPid));
        String membership = Files.readString(proc.resolve("cgroup"));
        boolean member = membership.lines().anyMatch(l -> l.endsWith(":" + cgroup));
        String own = Files.readSymbolicLink(Path.of("/proc/self/ns/uts")).toString();
        if (!member || own.equals(Files.readSymbolicLink(proc.resolve("ns/uts")).toString())) {
            throw new IOException("pid " + initPid + " is not the init of the container in " + cgroup);
        }
        HostCommand.check(List.of("nsenter", "--uts=" + proc.resolve("ns/uts"), "sh", "-c",
                "printf %s \"$1\" > /proc/sys/kernel/hostname", "sethostname", hostname));
    }
}
