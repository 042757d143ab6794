package org.diego.core.bridge.nsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.diego.core.model.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Docker image references as Diego's rootfs URLs, and the execution metadata the recipe reads. */
class DockerImagesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "busybox,                           docker:///library/busybox",
            "busybox:1.36,                      docker:///library/busybox#1.36",
            "cloudfoundry/diego-docker-app,     docker:///cloudfoundry/diego-docker-app",
            "cloudfoundry/app:latest,           docker:///cloudfoundry/app#latest",
            "docker.io/cloudfoundry/app,        docker://docker.io/cloudfoundry/app",
            "docker.io/busybox,                 docker://docker.io/library/busybox",
            "my.reg:5000/team/app:v2,           docker://my.reg:5000/team/app#v2",
            "localhost/app,                     docker://localhost/app",
            "my.reg:5000/app,                   docker://my.reg:5000/app"})
    void rootfs(String image, String rootfs) {
        assertEquals(rootfs, DockerImages.rootfs("docker_image", image));
    }

    @Test
    void aSchemeOrNothingIsRefused() {
        assertEquals("docker_image", assertThrows(ValidationException.class,
                () -> DockerImages.rootfs("docker_image", "docker:///busybox")).field());
        assertEquals("docker_path", assertThrows(ValidationException.class,
                () -> DockerImages.rootfs("docker_path", " ")).field());
    }

    @Test
    void metadataPortsAndUser() {
        DockerExecutionMetadata m = DockerExecutionMetadata.parse(
                "{\"cmd\":[\"x\"],\"user\":\"www\",\"ports\":[{\"Port\":53,\"Protocol\":\"udp\"},{\"port\":80,\"protocol\":\"tcp\"}]}");
        assertEquals(List.of(80), m.tcpPorts());
        assertEquals("www", m.userOrRoot());
        assertEquals(List.of(8080), DockerExecutionMetadata.parse("{}").tcpPorts());
        assertEquals("root", DockerExecutionMetadata.parse(null).userOrRoot());
    }

    @Test
    void badMetadataNamesTheField() {
        assertEquals("execution_metadata", assertThrows(ValidationException.class,
                () -> DockerExecutionMetadata.parse("[1]")).field());
        assertEquals("execution_metadata.ports", assertThrows(ValidationException.class,
                () -> DockerExecutionMetadata.parse("{\"ports\": 5}")).field());
        assertEquals("execution_metadata.ports[0].port", assertThrows(ValidationException.class,
                () -> DockerExecutionMetadata.parse("{\"ports\": [{\"protocol\": \"tcp\"}]}")).field());
    }
}
