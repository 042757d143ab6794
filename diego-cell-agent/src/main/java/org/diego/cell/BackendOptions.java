package org.diego.cell;

import java.nio.file.Path;
import java.util.Map;
import org.diego.cell.garden.RuncBackendConfig;

/**
 * Which Garden backend the agent runs containers with, and the runc backend's settings.
 *
 * @param kind       process (houdini-like, no isolation), runc, or auto (runc where it can work)
 * @param rootfsDirs preloaded stack name → rootfs directory, for runc
 * @param network    the pool of container subnets, for runc
 * @param init       the container init binary, for runc
 * @param runc       the runc binary
 * @param images     image ref → OCI image layout directory or docker save tarball, for runc's
 *                   {@code docker:///} and {@code oci:///} rootfs URIs
 * @param warmContainers ready containers runc keeps per preloaded rootfs directory (0: none)
 * @param diskLimits whether runc enforces containers' disk limits (where the host has loop devices)
 */
public record BackendOptions(Kind kind, Map<String, Path> rootfsDirs, String network, Path init, String runc,
                             Map<String, Path> images, int warmContainers, boolean diskLimits) {
    /** The directory build-busybox-rootfs.sh fills by default. */
    public static final Path DEFAULT_ROOTFS = Path.of("/var/lib/diego/rootfs/busybox");
    /** The default providers are preloaded:cflinuxfs4:busybox; both stacks are the busybox rootfs for now. */
    public static final Map<String, Path> DEFAULT_ROOTFS_DIRS = Map.of("cflinuxfs4", DEFAULT_ROOTFS,
            "busybox", DEFAULT_ROOTFS);
    /** The command line's default: runc where the host can run it and a rootfs directory exists. */
    public static final BackendOptions DEFAULT = new BackendOptions(Kind.AUTO, DEFAULT_ROOTFS_DIRS,
            RuncBackendConfig.DEFAULT_NETWORK, RuncBackendConfig.DEFAULT_INIT, "runc", Map.of(),
            RuncBackendConfig.DEFAULT_WARM_CONTAINERS, true);
    /** Plain processes, whatever the host has (tests that build a config in code). */
    public static final BackendOptions PROCESS = new BackendOptions(Kind.PROCESS, DEFAULT_ROOTFS_DIRS,
            RuncBackendConfig.DEFAULT_NETWORK, RuncBackendConfig.DEFAULT_INIT, "runc", Map.of(), 0, false);

    public enum Kind { PROCESS, RUNC, AUTO }

    public BackendOptions {
        rootfsDirs = Map.copyOf(rootfsDirs);
        images = images == null ? Map.of() : Map.copyOf(images);
        if (warmContainers < 0) {
            throw new IllegalArgumentException("warm containers must not be negative: " + warmContainers);
        }
    }

    /** Without images, with the command line's default of warm containers. */
    public BackendOptions(Kind kind, Map<String, Path> rootfsDirs, String network, Path init, String runc) {
        this(kind, rootfsDirs, network, init, runc, Map.of(), RuncBackendConfig.DEFAULT_WARM_CONTAINERS, true);
    }
}
