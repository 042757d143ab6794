package org.diego.cell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;
import org.diego.cell.garden.ContainerBackend;
import org.diego.cell.garden.HostPortAllocator;
import org.diego.cell.garden.ProcessBackend;
import org.diego.cell.garden.RuncBackend;
import org.diego.cell.garden.RuncBackendConfig;
import org.diego.core.model.CellPresence.RootfsProvider;

/** Picks and builds the container backend the options ask for. */
final class Backends {
    private static final Logger LOG = Logger.getLogger(Backends.class.getName());

    private Backends() {
    }

    /** The backend; {@code runc} on a host that cannot run it fails here rather than at the first container. */
    static ContainerBackend create(CellAgentConfig config, HostPortAllocator ports, ScheduledExecutorService timers) {
        BackendOptions options = config.backend();
        RuncBackendConfig runc = new RuncBackendConfig(config.workDir(), config.address(), options.rootfsDirs(),
                options.network(), options.init(), options.runc(), RuncBackendConfig.DEFAULT_CGROUP_PARENT,
                config.stopGrace(), options.images(), options.warmContainers(), options.diskLimits());
        boolean useRunc = switch (options.kind()) {
            case PROCESS -> false;
            case RUNC -> {
                String reason = RuncBackend.unusableBecause(runc);
                if (reason != null) {
                    throw new IllegalStateException("--backend=runc: " + reason);
                }
                yield true;
            }
            case AUTO -> {
                String why = RuncBackend.unusableBecause(runc);
                if (why == null && options.rootfsDirs().values().stream().noneMatch(Files::isDirectory)) {
                    why = "no preloaded rootfs directory exists (" + options.rootfsDirs().values()
                            + "; see build-busybox-rootfs.sh)";
                }
                String reason = why;
                if (reason != null) {
                    LOG.info(() -> "--backend=auto: using the process backend because " + reason);
                }
                yield reason == null;
            }
        };
        if (!useRunc) {
            return new ProcessBackend(config.workDir().resolve("containers"), config.address(), ports, timers,
                    config.stopGrace());
        }
        warnAboutRootfs(config, options.rootfsDirs(), options.images());
        LOG.info(() -> "runc backend: containers on " + options.network() + ", rootfs " + options.rootfsDirs()
                + ", " + options.warmContainers() + " warm container(s) per rootfs directory");
        RuncBackend backend = new RuncBackend(runc, ports, timers);
        if (backend.limitsDisk()) {
            warnAboutOvercommit(config);
        }
        destroyLeftovers(backend);
        return backend;
    }

    /**
     * Containers' disk images are sparse: the rep's ledger keeps the sum of their limits within
     * {@code --disk-mb}, so a work dir's filesystem with less room than that can fill up before any
     * container reaches its limit.
     */
    private static void warnAboutOvercommit(CellAgentConfig config) {
        try {
            Path dir = Files.createDirectories(config.workDir());
            long usableMb = Files.getFileStore(dir).getUsableSpace() / (1024 * 1024);
            if (usableMb < config.capacity().diskMb()) {
                LOG.warning(() -> "runc backend: --disk-mb " + config.capacity().diskMb() + " is more than the "
                        + usableMb + " MB free under " + dir + ": containers may fill it before their disk limits");
            }
        } catch (IOException e) {
            LOG.fine(() -> "cannot read the free space under " + config.workDir() + ": " + e.getMessage());
        }
    }

    /**
     * A cell starts with no containers, as Diego's executor deletes the containers it owns at startup: those
     * an agent killed earlier left (runc state, mounts, network, cgroups) would otherwise run unaccounted for;
     * the BBS learns of their instances' end through the rep's sync and convergence.
     */
    private static void destroyLeftovers(ContainerBackend backend) {
        List<String> leftovers = backend.list();
        if (!leftovers.isEmpty()) {
            LOG.info(() -> "destroying " + leftovers.size() + " container(s) an earlier run of this cell left");
            leftovers.forEach(backend::destroy);
        }
    }

    /** An advertised stack without a rootfs, or a scheme runc cannot serve, makes every such placement crash. */
    private static void warnAboutRootfs(CellAgentConfig config, Map<String, Path> dirs, Map<String, Path> images) {
        images.forEach((ref, path) -> {
            if (!Files.exists(path)) {
                LOG.warning(() -> "runc backend: image " + ref + " is configured but " + path + " is missing");
            }
        });
        for (RootfsProvider provider : config.rootfsProviders()) {
            if (("docker".equals(provider.name()) || "oci".equals(provider.name())) && !images.isEmpty()) {
                continue; // images on disk (--image); no registry, so only those
            }
            if (!"preloaded".equals(provider.name())) {
                LOG.warning(() -> "runc backend: rootfs provider " + provider.name()
                        + " is advertised but only preloaded rootfs directories and --image images are supported");
                continue;
            }
            for (String stack : provider.properties()) {
                Path dir = dirs.get(stack);
                if (dir == null || !Files.isDirectory(dir)) {
                    LOG.warning(() -> "runc backend: preloaded:" + stack + " is advertised but has no rootfs directory"
                            + (dir == null ? "" : " (" + dir + " is missing; see build-busybox-rootfs.sh)"));
                }
            }
        }
    }
}
