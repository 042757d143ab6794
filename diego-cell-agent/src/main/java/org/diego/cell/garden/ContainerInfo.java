package org.diego.cell.garden;

import java.nio.file.Path;
import java.util.List;
import org.diego.core.model.PortMapping;

/** A created container: where it lives on the host and how it is reached (Garden's ContainerInfo). */
public record ContainerInfo(String handle, Path path, String hostIp, String containerIp,
                            List<PortMapping> mappedPorts) {
    public ContainerInfo {
        mappedPorts = mappedPorts == null ? List.of() : List.copyOf(mappedPorts);
    }
}
