package org.diego.cell.garden;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.diego.core.model.PortMapping;

/**
 * The shared backend contract on the process backend: the host's shell, no users, {@code PORT} is the
 * host port (no network namespace), and no enforced limits, so the limit tests are skipped.
 */
class ProcessBackendContractTest extends BackendContract {

    @Override
    protected ContainerBackend newBackend(Setup setup) {
        return new ProcessBackend(setup.workDir().resolve("containers"), setup.hostIp(), setup.ports(),
                setup.timers(), setup.stopGrace(), setup.clock());
    }

    @Override
    protected String processUser() {
        return null;
    }

    @Override
    protected int portSeenByProcess(PortMapping mapping) {
        return mapping.hostPort();
    }

    /** A JVM running {@link TcpGreeter}: the host need not have busybox for this tier. */
    @Override
    protected ProcessSpec server(String greeting) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessSpec(java, List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx32m", "-cp",
                testClasses(), TcpGreeter.class.getName(), greeting), null, null);
    }

    @Override
    protected boolean enforcesLimits() {
        return false;
    }

    private static String testClasses() {
        try {
            return Path.of(TcpGreeter.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
