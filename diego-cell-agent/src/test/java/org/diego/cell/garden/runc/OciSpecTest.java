package org.diego.cell.garden.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.diego.cell.garden.ContainerLimits;
import org.junit.jupiter.api.Test;

class OciSpecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MB = 1024 * 1024;

    private static JsonNode config(ContainerLimits limits, boolean swap, String netns) {
        OciSpec.Container container = new OciSpec.Container("web-1", "rootfs", List.of("/tmp/diego-init", "-P"),
                List.of("PATH=/bin", "A=b=c"), limits, netns, "/diego/web-1",
                List.of(new OciSpec.BindMount("/host/catatonit", "/tmp/diego-init")), swap);
        // Through JSON, as runc reads it.
        return JSON.valueToTree(OciSpec.config(container));
    }

    @Test
    void limitsBecomeLinuxResources() {
        JsonNode resources = config(new ContainerLimits(64 * MB, 128 * MB, 20, 10), true, null)
                .at("/linux/resources");

        assertEquals(64 * MB, resources.at("/memory/limit").asLong());
        assertEquals(64 * MB, resources.at("/memory/swap").asLong(), "memory+swap = memory, as guardian sets it");
        assertEquals(20, resources.at("/pids/limit").asInt());
        assertEquals(10, resources.at("/cpu/shares").asInt());
        assertFalse(resources.at("/devices/0/allow").asBoolean(), "every device denied but runc's defaults");
        assertTrue(resources.at("/blockIO").isMissingNode(), "disk is not limited through cgroups");
    }

    @Test
    void zeroLimitsAreLeftOutAndSwapOnlyWhenAccounted() {
        JsonNode none = config(ContainerLimits.NONE, true, null).at("/linux/resources");
        assertTrue(none.at("/memory").isMissingNode());
        assertTrue(none.at("/pids").isMissingNode());
        assertTrue(none.at("/cpu").isMissingNode());

        JsonNode noSwap = config(new ContainerLimits(64 * MB, 0, 0, 1), false, null).at("/linux/resources");
        assertEquals(64 * MB, noSwap.at("/memory/limit").asLong());
        assertTrue(noSwap.at("/memory/swap").isMissingNode(), "the kernel has no memsw to set");
        assertEquals(2, noSwap.at("/cpu/shares").asInt(), "raised to the kernel's minimum");
    }

    @Test
    void namespacesJoinTheGivenNetworkNamespace() {
        JsonNode config = config(ContainerLimits.NONE, true, "/run/netns/diego-web-1");
        List<String> types = new ArrayList<>();
        config.at("/linux/namespaces").forEach(n -> types.add(n.get("type").asText()));
        assertEquals(List.of("pid", "ipc", "uts", "mount", "network"), types, "no user namespace");
        assertEquals("/run/netns/diego-web-1", config.at("/linux/namespaces/4/path").asText());
        assertEquals("/diego/web-1", config.at("/linux/cgroupsPath").asText());

        JsonNode own = config(ContainerLimits.NONE, true, null);
        assertTrue(own.at("/linux/namespaces/4/path").isMissingNode(), "a new, empty network namespace");
    }

    @Test
    void theInitRunsAsRootWithTheEnvAndBindMounts() {
        JsonNode config = config(ContainerLimits.NONE, true, null);

        assertEquals("1.0.2", config.get("ociVersion").asText());
        assertEquals("rootfs", config.at("/root/path").asText());
        assertFalse(config.at("/root/readonly").asBoolean(), "the overlay is the writable layer");
        assertEquals("web-1", config.get("hostname").asText());
        assertEquals("[\"/tmp/diego-init\",\"-P\"]", config.at("/process/args").toString());
        assertEquals("[\"PATH=/bin\",\"A=b=c\"]", config.at("/process/env").toString());
        assertEquals("/", config.at("/process/cwd").asText());
        assertEquals(0, config.at("/process/user/uid").asInt());
        assertFalse(config.at("/process/terminal").asBoolean());
        assertTrue(config.at("/process/noNewPrivileges").asBoolean());

        Map<String, JsonNode> mounts = new java.util.HashMap<>();
        config.get("mounts").forEach(m -> mounts.put(m.get("destination").asText(), m));
        assertEquals("proc", mounts.get("/proc").get("type").asText());
        assertTrue(mounts.get("/sys").get("options").toString().contains("\"ro\""));
        assertTrue(mounts.get("/sys/fs/cgroup").get("options").toString().contains("\"ro\""));
        assertTrue(mounts.get("/dev/shm").get("options").toString().contains("size=67108864"));
        JsonNode init = mounts.get("/tmp/diego-init");
        assertEquals("bind", init.get("type").asText());
        assertEquals("/host/catatonit", init.get("source").asText());
        assertTrue(init.get("options").toString().contains("\"ro\""));
    }

    @Test
    void processesGetCapabilitiesOnlyAsRoot() {
        JsonNode root = JSON.valueToTree(OciSpec.process(new OciSpec.Process(List.of("sh"), List.of(), "/", 0, 0)));
        assertTrue(root.at("/capabilities/effective").toString().contains("CAP_NET_BIND_SERVICE"));
        assertFalse(root.at("/capabilities/bounding").toString().contains("CAP_SYS_ADMIN"));

        JsonNode vcap = JSON.valueToTree(OciSpec.process(new OciSpec.Process(List.of("/bin/app", "-x"),
                List.of("HOME=/home/vcap"), "/home/vcap/app", 2000, 2000)));
        assertEquals(2000, vcap.at("/user/uid").asInt());
        assertEquals(2000, vcap.at("/user/gid").asInt());
        assertEquals("/home/vcap/app", vcap.get("cwd").asText());
        assertEquals("[\"/bin/app\",\"-x\"]", vcap.get("args").toString());
        assertEquals(0, vcap.at("/capabilities/effective").size());
        assertEquals(0, vcap.at("/capabilities/permitted").size());
        assertEquals(OciSpec.ROOT_CAPABILITIES.size(), vcap.at("/capabilities/bounding").size());

        assertThrows(IllegalArgumentException.class,
                () -> new OciSpec.Process(List.of("sh"), List.of(), "relative", 0, 0));
    }

    @Test
    void anOpenFilesLimitBecomesTheProcesssRlimit() {
        JsonNode limited = JSON.valueToTree(OciSpec.process(new OciSpec.Process(List.of("sh"), List.of(), "/", 0, 0,
                4096)));
        assertEquals("RLIMIT_NOFILE", limited.at("/rlimits/0/type").asText());
        assertEquals(4096, limited.at("/rlimits/0/soft").asLong());
        assertEquals(4096, limited.at("/rlimits/0/hard").asLong());

        JsonNode inherited = JSON.valueToTree(OciSpec.process(new OciSpec.Process(List.of("sh"), List.of(), "/", 0, 0)));
        assertFalse(inherited.has("rlimits"), "no limit of its own: runc's");
        assertThrows(IllegalArgumentException.class,
                () -> new OciSpec.Process(List.of("sh"), List.of(), "/", 0, 0, -1));
    }
}
