package org.diego.cell.garden;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.diego.cell.garden.runc.HostCommand;
import org.diego.core.model.PortMapping;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shared backend contract on the runc backend, with the busybox rootfs build-busybox-rootfs.sh makes:
 * processes run as vcap with the rootfs's {@code /bin/sh}, {@code PORT} is the container port (each
 * container has its own network namespace), and memory and pid limits are enforced.
 *
 * <p>Other runc tests may run on the same host at the same time (RuncBackendIT, a local cluster), so this
 * one keeps to a cgroup parent, a container network and a work dir of its own, and removes the cgroup
 * parent at the end. Needs root, runc, catatonit and a static busybox; skipped otherwise.
 */
class RuncBackendContractIT extends BackendContract {
    private static final Path ROOTFS = Path.of("target/contract-rootfs/busybox").toAbsolutePath();
    private static final String CGROUP_PARENT = "diego-it-contract";
    private static final String NETWORK = "10.251.0.0/16";

    @BeforeAll
    static void requireRuncAndBuildRootfs() throws IOException {
        String unusable = RuncBackend.unusableBecause(config(Path.of("/tmp"), Duration.ofSeconds(1)));
        assumeTrue(unusable == null, () -> "skipping the runc backend contract: " + unusable);
        assumeTrue(Files.isExecutable(Path.of("/bin/busybox")),
                "skipping the runc backend contract: no /bin/busybox (apt-get install busybox-static)");
        HostCommand.check(List.of("sh", "src/main/scripts/build-busybox-rootfs.sh", ROOTFS.toString()));
    }

    /** Every container is destroyed by then (with its cgroups); the empty parent goes too. */
    @AfterAll
    static void removeTheCgroupParent() throws IOException {
        if (!Files.isDirectory(Path.of("/sys/fs/cgroup"))) {
            return;
        }
        try (var controllers = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path controller : controllers.toList()) {
                // v1: one hierarchy per controller, each with our parent; v2: the parent is at the root.
                Path parent = controller.getFileName().toString().equals(CGROUP_PARENT) ? controller
                        : controller.resolve(CGROUP_PARENT);
                if (Files.isDirectory(parent)) {
                    try {
                        Files.delete(parent); // rmdir: only an empty cgroup goes
                    } catch (IOException e) {
                        // a failed test left a container in it: leave it for a look
                    }
                }
            }
        }
    }

    @Override
    protected ContainerBackend newBackend(Setup setup) {
        return new RuncBackend(config(setup.workDir(), setup.stopGrace()), setup.ports(), setup.timers(), setup.clock());
    }

    @Override
    protected void close(ContainerBackend backend) {
        ((RuncBackend) backend).close();
    }

    @Override
    protected String processUser() {
        return "vcap";
    }

    @Override
    protected int portSeenByProcess(PortMapping mapping) {
        return mapping.containerPort();
    }

    /** busybox's httpd, serving the greeting from a directory of the container's own. */
    @Override
    protected ProcessSpec server(String greeting) {
        return new ProcessSpec("/bin/sh", List.of("-c", "mkdir -p /tmp/www && echo " + greeting
                + " > /tmp/www/index.html && exec httpd -f -p $PORT -h /tmp/www"), null, null, processUser());
    }

    @Override
    protected boolean enforcesLimits() {
        return true;
    }

    private static RuncBackendConfig config(Path workDir, Duration stopGrace) {
        return new RuncBackendConfig(workDir.resolve("runc-work"), HOST_IP, Map.of("cflinuxfs4", ROOTFS), NETWORK,
                null, null, CGROUP_PARENT, stopGrace);
    }
}
