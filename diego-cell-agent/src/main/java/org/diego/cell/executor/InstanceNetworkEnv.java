package org.diego.cell.executor;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.diego.cell.garden.ContainerInfo;
import org.diego.core.model.EnvironmentVariable;

/**
 * The variables Diego's executor gives a process about where it is reachable. They exist only once
 * the backend has mapped the ports, which is why the executor adds them and not the rep.
 */
final class InstanceNetworkEnv {
    private InstanceNetworkEnv() {
    }

    static List<EnvironmentVariable> of(ContainerInfo info) {
        List<EnvironmentVariable> env = new ArrayList<>();
        env.add(new EnvironmentVariable("CF_INSTANCE_IP", info.hostIp()));
        env.add(new EnvironmentVariable("CF_INSTANCE_INTERNAL_IP", info.containerIp()));
        if (!info.mappedPorts().isEmpty()) {
            int hostPort = info.mappedPorts().get(0).hostPort();
            env.add(new EnvironmentVariable("CF_INSTANCE_PORT", Integer.toString(hostPort)));
            env.add(new EnvironmentVariable("CF_INSTANCE_ADDR", info.hostIp() + ":" + hostPort));
        }
        String ports = info.mappedPorts().stream()
                .map(p -> "{\"external\":" + p.hostPort() + ",\"internal\":" + p.containerPort() + "}")
                .collect(Collectors.joining(",", "[", "]"));
        env.add(new EnvironmentVariable("CF_INSTANCE_PORTS", ports));
        return env;
    }
}
