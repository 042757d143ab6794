package org.diego.cell.garden;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How the runc backend is set up.
 *
 * @param workDir      bundles go to {@code <workDir>/containers/<handle>}, runc's state to {@code <workDir>/runc}
 * @param hostIp       the address instances are reached at (ContainerInfo.hostIp)
 * @param rootfsDirs   preloaded stack name (the part after {@code preloaded:}) → read-only rootfs directory
 * @param network      the pool containers get a /30 from, e.g. {@code 10.254.0.0/16}
 * @param init         a static pause-mode init bind-mounted into every container as its first process
 *                     (catatonit; it reaps orphans like guardian's garden-init)
 * @param runc         the runc binary
 * @param cgroupParent cgroup directory under each controller's root that holds the containers' cgroups
 * @param stopGrace    SIGTERM to SIGKILL delay of a non-forced stop
 * @param images       image ref ({@code name[:tag]}) → OCI image layout directory or {@code docker save}
 *                     tarball, for {@code docker:///} and {@code oci:///} rootfs URIs (unpacked under
 *                     {@code <workDir>/images})
 * @param warmContainers how many ready containers to keep per preloaded rootfs directory (stacks sharing a
 *                     directory share them), so a create takes one instead of building it; 0: none
 * @param diskLimits   whether a container's disk limit is enforced (a scratch filesystem of that size for its
 *                     writable layer, see {@code runc.ScratchDisk}), where the host has loop devices
 */
public record RuncBackendConfig(Path workDir, String hostIp, Map<String, Path> rootfsDirs, String network, Path init,
                                String runc, String cgroupParent, Duration stopGrace, Map<String, Path> images,
                                int warmContainers, boolean diskLimits) {
    public static final String DEFAULT_NETWORK = "10.254.0.0/16";
    public static final Path DEFAULT_INIT = Path.of("/usr/bin/catatonit");
    public static final String DEFAULT_CGROUP_PARENT = "diego";
    /** The agent's default (--warm-containers). */
    public static final int DEFAULT_WARM_CONTAINERS = 2;
    /**
     * The disk limit warm containers are first made with, until a create asks for another: Cloud
     * Controller's default app disk quota (default_app_disk_in_mb, 1024).
     */
    public static final long WARM_DISK_BYTES = 1024L * 1024 * 1024;

    public RuncBackendConfig {
        if (warmContainers < 0) {
            throw new IllegalArgumentException("warmContainers must not be negative: " + warmContainers);
        }
        workDir = workDir.toAbsolutePath().normalize();
        rootfsDirs = Map.copyOf(rootfsDirs);
        images = images == null ? Map.of() : Map.copyOf(images);
        network = network == null ? DEFAULT_NETWORK : network;
        init = init == null ? DEFAULT_INIT : init;
        runc = runc == null ? "runc" : runc;
        cgroupParent = cgroupParent == null ? DEFAULT_CGROUP_PARENT : cgroupParent;
    }

    /** Without warm containers. */
    public RuncBackendConfig(Path workDir, String hostIp, Map<String, Path> rootfsDirs, String network, Path init,
                             String runc, String cgroupParent, Duration stopGrace, Map<String, Path> images) {
        this(workDir, hostIp, rootfsDirs, network, init, runc, cgroupParent, stopGrace, images, 0, true);
    }

    /** Without images or warm containers. */
    public RuncBackendConfig(Path workDir, String hostIp, Map<String, Path> rootfsDirs, String network, Path init,
                             String runc, String cgroupParent, Duration stopGrace) {
        this(workDir, hostIp, rootfsDirs, network, init, runc, cgroupParent, stopGrace, Map.of());
    }

    /** The same with {@code count} warm containers per rootfs directory. */
    public RuncBackendConfig withWarmContainers(int count) {
        return new RuncBackendConfig(workDir, hostIp, rootfsDirs, network, init, runc, cgroupParent, stopGrace, images,
                count, diskLimits);
    }
}
