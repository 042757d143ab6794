package org.diego.cell.garden.runc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diego.cell.garden.ContainerLimits;

/**
 * Builds the OCI runtime config ({@code config.json}) of a container and the process specs given to
 * {@code runc exec --process}, as plain maps for Jackson. Modelled on guardian's bundle rules: a fresh
 * pid, mount, ipc, uts and network namespace per container, memory limit applied to memory+swap, pid
 * limit, cpu shares. Unlike guardian there is no user namespace (see docs/07-garden-runc.md): root in the
 * container is host root with Docker's default capability set, and non-root users get no capabilities.
 */
public final class OciSpec {
    /** The OCI runtime spec version runc 1.1 implements. */
    static final String OCI_VERSION = "1.0.2";
    /** Docker's default set: enough for package managers and servers on low ports, no CAP_SYS_ADMIN. */
    static final List<String> ROOT_CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
            "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");
    private static final long SHM_BYTES = 64L * 1024 * 1024;

    private OciSpec() {
    }

    /** A read-only bind mount of a host file or directory into the container. */
    public record BindMount(String source, String destination) {
    }

    /**
     * What a container's config is made of.
     *
     * @param rootfs         the rootfs path, relative to the bundle or absolute
     * @param init           the container's first process; it must reap orphans and survive SIGTERM
     * @param netnsPath      an existing network namespace to join; null gives the container a new empty one
     * @param cgroupsPath    where runc puts the container's cgroups, e.g. {@code /diego/<handle>}
     * @param swapAccounting whether the kernel accounts swap, i.e. the memory+swap limit can be set
     */
    public record Container(String hostname, String rootfs, List<String> init, List<String> env,
                            ContainerLimits limits, String netnsPath, String cgroupsPath, List<BindMount> bindMounts,
                            boolean swapAccounting) {
        public Container {
            init = List.copyOf(init);
            env = List.copyOf(env);
            bindMounts = List.copyOf(bindMounts);
        }
    }

    /**
     * A process: argv, "NAME=value" entries, an absolute working dir, numeric ids, and its open-files limit
     * ({@code nofile}, soft and hard; 0 inherits runc's, i.e. the agent's).
     */
    public record Process(List<String> args, List<String> env, String cwd, int uid, int gid, long nofile) {
        public Process {
            args = List.copyOf(args);
            env = List.copyOf(env);
            if (!cwd.startsWith("/")) {
                throw new IllegalArgumentException("cwd must be absolute: " + cwd);
            }
            if (nofile < 0) {
                throw new IllegalArgumentException("nofile must not be negative: " + nofile);
            }
        }

        /** Without an open-files limit of its own. */
        public Process(List<String> args, List<String> env, String cwd, int uid, int gid) {
            this(args, env, cwd, uid, gid, 0);
        }
    }

    public static Map<String, Object> config(Container c) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("ociVersion", OCI_VERSION);
        config.put("root", Map.of("path", c.rootfs(), "readonly", false));
        config.put("hostname", c.hostname());
        config.put("process", process(new Process(c.init(), c.env(), "/", 0, 0)));
        config.put("mounts", mounts(c.bindMounts()));
        config.put("linux", linux(c));
        return config;
    }

    /** The spec of one process, for the container's init or for {@code runc exec --process}. */
    public static Map<String, Object> process(Process p) {
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("terminal", false);
        process.put("user", Map.of("uid", p.uid(), "gid", p.gid()));
        process.put("args", p.args());
        process.put("env", p.env());
        process.put("cwd", p.cwd());
        // Non-root keeps the bounding set only, like Docker: it cannot gain what root in the container has.
        List<String> effective = p.uid() == 0 ? ROOT_CAPABILITIES : List.of();
        Map<String, Object> caps = new LinkedHashMap<>();
        caps.put("bounding", ROOT_CAPABILITIES);
        caps.put("effective", effective);
        caps.put("permitted", effective);
        caps.put("inheritable", List.of());
        caps.put("ambient", List.of());
        process.put("capabilities", caps);
        if (p.nofile() > 0) {
            // Diego's resource_limits.nofile: guardian sets soft and hard alike.
            process.put("rlimits", List.of(Map.of("type", "RLIMIT_NOFILE", "hard", p.nofile(), "soft", p.nofile())));
        }
        process.put("noNewPrivileges", true);
        return process;
    }

    private static List<Map<String, Object>> mounts(List<BindMount> bindMounts) {
        List<Map<String, Object>> mounts = new ArrayList<>();
        mounts.add(mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")));
        mounts.add(mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")));
        mounts.add(mount("/dev/pts", "devpts", "devpts",
                List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")));
        // /dev/shm is charged to the container's memory cgroup; cap it at a size tmpfs users expect.
        mounts.add(mount("/dev/shm", "tmpfs", "shm",
                List.of("nosuid", "noexec", "nodev", "mode=1777", "size=" + SHM_BYTES)));
        mounts.add(mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")));
        mounts.add(mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")));
        // Read-only, so an app can read its own limits (JVMs size their heap from them).
        mounts.add(mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("nosuid", "noexec", "nodev", "relatime", "ro")));
        for (BindMount b : bindMounts) {
            mounts.add(mount(b.destination(), "bind", b.source(), List.of("rbind", "ro", "nosuid", "nodev")));
        }
        return mounts;
    }

    private static Map<String, Object> mount(String destination, String type, String source, List<String> options) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("destination", destination);
        m.put("type", type);
        m.put("source", source);
        m.put("options", options);
        return m;
    }

    private static Map<String, Object> linux(Container c) {
        Map<String, Object> linux = new LinkedHashMap<>();
        linux.put("cgroupsPath", c.cgroupsPath());
        linux.put("resources", resources(c.limits(), c.swapAccounting()));
        List<Map<String, Object>> namespaces = new ArrayList<>();
        for (String type : List.of("pid", "ipc", "uts", "mount")) {
            namespaces.add(Map.of("type", type));
        }
        namespaces.add(c.netnsPath() == null ? Map.of("type", "network")
                : Map.of("type", "network", "path", c.netnsPath()));
        linux.put("namespaces", namespaces);
        linux.put("maskedPaths", List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
                "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
                "/sys/firmware"));
        linux.put("readonlyPaths", List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"));
        return linux;
    }

    /** Zero limits are left out: runc then sets nothing, i.e. unlimited, as Garden does for zero. */
    private static Map<String, Object> resources(ContainerLimits limits, boolean swapAccounting) {
        Map<String, Object> resources = new LinkedHashMap<>();
        // Deny every device; runc adds the standard allow list (null, zero, full, tty, random, urandom, ptmx).
        resources.put("devices", List.of(Map.of("allow", false, "access", "rwm")));
        if (limits.memoryBytes() > 0) {
            Map<String, Object> memory = new LinkedHashMap<>();
            memory.put("limit", limits.memoryBytes());
            if (swapAccounting) {
                // memory+swap = memory: the container cannot swap its way past its limit (guardian does the same).
                memory.put("swap", limits.memoryBytes());
            }
            resources.put("memory", memory);
        }
        if (limits.maxPids() > 0) {
            resources.put("pids", Map.of("limit", limits.maxPids()));
        }
        if (limits.cpuShares() > 0) {
            // The kernel's minimum is 2.
            resources.put("cpu", Map.of("shares", Math.max(2, limits.cpuShares())));
        }
        return resources;
    }
}
