package org.diego.core.bridge.nsync;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.diego.core.json.Json;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ValidationException;

/**
 * The parts of a docker app's {@code execution_metadata} (the JSON the docker stager recorded) that
 * the recipe reads: the image's user and its exposed ports. Diego's decoder matches field names
 * without regard to case ({@code "Port"} or {@code "port"}), so this one does too. An empty string is
 * taken as {@code {}} (Diego refuses it; CC always sends the metadata, tests often don't).
 */
public record DockerExecutionMetadata(String user, List<ExposedPort> ports) {

    /** An exposed port of the image. */
    public record ExposedPort(int port, String protocol) {
    }

    public static DockerExecutionMetadata parse(String json) {
        if (json == null || json.isBlank()) {
            return new DockerExecutionMetadata("", List.of());
        }
        JsonNode root;
        try {
            root = Json.readTree(json);
        } catch (DiegoException e) {
            throw new ValidationException("execution_metadata", "is not JSON: " + e.getMessage());
        }
        if (!root.isObject()) {
            throw new ValidationException("execution_metadata", "must be a JSON object");
        }
        List<ExposedPort> ports = new ArrayList<>();
        JsonNode list = field(root, "ports");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new ValidationException("execution_metadata.ports", "must be a list");
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode p = list.get(i);
                JsonNode port = field(p, "port");
                if (port == null || !port.canConvertToInt() || port.asInt() < 0 || port.asInt() > 65535) {
                    throw new ValidationException("execution_metadata.ports[" + i + "].port", "must be a port number");
                }
                JsonNode protocol = field(p, "protocol");
                ports.add(new ExposedPort(port.asInt(), protocol == null ? "" : protocol.asText()));
            }
        }
        JsonNode user = field(root, "user");
        return new DockerExecutionMetadata(user == null || user.isNull() ? "" : user.asText(), ports);
    }

    private static JsonNode field(JsonNode node, String name) {
        var names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (n.equalsIgnoreCase(name)) {
                return node.get(n);
            }
        }
        return null;
    }

    /** The image's TCP ports, or 8080 when it exposes none; an image exposing only UDP is refused. */
    public List<Integer> tcpPorts() {
        if (ports.isEmpty()) {
            return List.of(Recipes.DEFAULT_PORT);
        }
        List<Integer> tcp = ports.stream().filter(p -> "tcp".equals(p.protocol())).map(ExposedPort::port).toList();
        if (tcp.isEmpty()) {
            throw new ValidationException("execution_metadata.ports", "No tcp ports found in image metadata");
        }
        return tcp;
    }

    /** The image's user, or root as Diego's docker recipe defaults. */
    public String userOrRoot() {
        return user.isEmpty() ? "root" : user;
    }
}
