package org.diego.ejb.bridge.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.diego.core.bridge.cc.DesireAppRequestFromCC;
import org.diego.core.bridge.nsync.AppRecipeBuilder;
import org.diego.core.bridge.nsync.RecipeSettings;
import org.diego.core.json.Json;
import org.diego.core.model.DesiredLrp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The docker builder reads an image's config from a docker-archive or an OCI layout on disk. */
class DockerLifecycleTest {
    @TempDir
    Path container;
    private Path lifecycle;

    @BeforeEach
    void setUp() throws Exception {
        ScriptRunner.assumeTools("tar", "gzip", "sed", "grep");
        lifecycle = ScriptRunner.unpack("docker_app_lifecycle", container.resolve("tmp/docker_app_lifecycle"));
    }

    private JsonNode stage(String ref, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("-outputMetadataJSONFilename=tmp/out/result.json",
                "-dockerRef=" + ref));
        args.addAll(List.of(more));
        ScriptRunner.Result r = ScriptRunner.sh(container, lifecycle.resolve("builder"), args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.stderr());
        return Json.readTree(Files.readString(container.resolve("tmp/out/result.json")));
    }

    @Test
    void readsADockerArchiveTarball() throws Exception {
        Path img = Files.createDirectories(container.resolve("img"));
        Files.writeString(img.resolve("manifest.json"), "[{\"Config\":\"abc.json\",\"RepoTags\":[\"x:1\"],\"Layers\":[]}]");
        Files.writeString(img.resolve("abc.json"), "{\"config\":{\"Entrypoint\":[\"/bin/sh\",\"-c\"],"
                + "\"Cmd\":[\"echo served on $PORT\"],\"WorkingDir\":\"/srv\",\"ExposedPorts\":{\"8080/tcp\":{},\"53/udp\":{}}},"
                + "\"container_config\":{\"Cmd\":[\"/bin/sh\",\"-c\",\"#(nop) CMD\"]}}");
        assertEquals(0, ScriptRunner.run(img, List.of("tar", "-cf", "../image.tar", ".")).exit());

        JsonNode result = stage("image.tar");
        assertEquals("docker", result.path("lifecycle_type").asText());
        assertEquals("image.tar", result.path("lifecycle_metadata").path("docker_image").asText());
        assertEquals("'/bin/sh' '-c' 'echo served on $PORT'", result.path("process_types").path("web").asText());
        JsonNode meta = Json.readTree(result.path("execution_metadata").asText());
        assertEquals("/srv", meta.path("workdir").asText());
        assertEquals(8080, meta.path("ports").get(0).path("Port").asInt());
        assertEquals("udp", meta.path("ports").get(1).path("Protocol").asText());

        ScriptRunner.Result run = ScriptRunner.run(container, List.of("env", "PORT=9", "/bin/sh",
                lifecycle.resolve("launcher").toString(), ".", "", result.path("execution_metadata").asText()));
        assertEquals("served on 9\n", run.stdout(), run.stderr());
    }

    @Test
    void aStartCommandThatIsAListRunsWhole() throws Exception {
        ScriptRunner.Result run = ScriptRunner.run(container, List.of("env", "PORT=7", "/bin/sh",
                lifecycle.resolve("launcher").toString(), ".", "mkdir -p www; echo first > www/f; exec echo then on $PORT", "{}"));
        assertEquals("then on 7\n", run.stdout(), run.stderr());
        assertEquals("first\n", Files.readString(container.resolve("www/f")));
    }

    @Test
    void readsAnOciLayout() throws Exception {
        Path blobs = Files.createDirectories(container.resolve("oci/blobs/sha256"));
        Files.writeString(blobs.resolve("c0"), "{\"config\":{\"Cmd\":[\"echo\",\"hi\"]}}");
        Files.writeString(blobs.resolve("m0"), "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:c0\"},\"layers\":[]}");
        Files.writeString(container.resolve("oci/index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"sha256:m0\"}]}");
        JsonNode result = stage("oci:oci");
        assertEquals("'echo' 'hi'", result.path("process_types").path("web").asText());
        assertTrue(Json.readTree(result.path("execution_metadata").asText()).path("ports").isEmpty());
    }

    @Test
    void anImageOnlyARegistryHasFails() throws Exception {
        ScriptRunner.Result r = ScriptRunner.sh(container, lifecycle.resolve("builder"),
                "-outputMetadataJSONFilename=tmp/out/result.json", "-dockerRef=busybox:latest");
        assertEquals(1, r.exit());
        assertTrue(r.stderr().contains("no registry is reachable"));
    }

    /**
     * A catalogued reference: the staging Task's download action has unpacked the catalogue's tarball (a
     * hand-built docker-archive: manifest.json and a config, no layers) into tmp/image. The result
     * names the reference, and nsync's recipe for it takes its ports from the execution metadata.
     */
    @Test
    void aCataloguedReferenceStagesFromTheUnpackedTarballAndItsPortsReachTheRecipe() throws Exception {
        Path img = Files.createDirectories(container.resolve("tmp/image"));
        Files.writeString(img.resolve("manifest.json"),
                "[{\"Config\":\"3f1c.json\",\"RepoTags\":[\"busybox:1.36\"],\"Layers\":[]}]\n");
        Files.writeString(img.resolve("3f1c.json"), """
                {"architecture": "amd64", "os": "linux",
                 "config": {"Cmd": ["httpd", "-f", "-p", "7070"], "WorkingDir": "/www",
                            "ExposedPorts": {"7070/tcp": {}, "7071/tcp": {}, "5353/udp": {}}},
                 "rootfs": {"type": "layers", "diff_ids": []}}
                """);

        JsonNode result = stage("busybox:1.36", "-dockerImageDir=tmp/image");
        assertEquals("busybox:1.36", result.path("lifecycle_metadata").path("docker_image").asText());
        assertEquals("'httpd' '-f' '-p' '7070'", result.path("process_types").path("web").asText());
        String metadata = result.path("execution_metadata").asText();
        JsonNode meta = Json.readTree(metadata);
        assertEquals("[\"httpd\",\"-f\",\"-p\",\"7070\"]", meta.path("cmd").toString());
        assertEquals(3, meta.path("ports").size(), metadata);

        // CC desires what staging recorded: the reference, the start command and the metadata.
        DesiredLrp lrp = new AppRecipeBuilder(new RecipeSettings("http://fs/file-server", false)).build(
                DesireAppRequestFromCC.builder().processGuid("dock-1").dockerImage(
                        result.path("lifecycle_metadata").path("docker_image").asText())
                        .startCommand(result.path("process_types").path("web").asText()).executionMetadata(metadata)
                        .memoryMb(64).diskMb(64).numInstances(1).logGuid("dock-1").etag("e").build());
        lrp.validate();
        assertEquals("docker:///library/busybox#1.36", lrp.rootfs());
        assertEquals(List.of(7070, 7071), lrp.ports(), "the image's TCP ports, in the image's order");
    }
}
