package org.diego.ejb.bridge.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.diego.core.bridge.staging.StagingLifecycle;
import org.diego.core.bridge.staging.StagingRequestFromCC;
import org.diego.core.model.DiegoException;
import org.diego.core.model.TaskDefinition;
import org.junit.jupiter.api.Test;

/** The image catalogue setting reaches docker staging Tasks; a malformed one fails only docker stagings. */
class StagerConfigTest {
    private static StagerConfig config(String images) {
        StagerConfig c = new StagerConfig();
        c.stagerUrl = "http://s/stager";
        c.fileServerUrl = "http://s/file-server";
        c.ccUploaderUrl = "http://s/cc-uploader";
        c.containerRoot = Optional.empty();
        c.user = "vcap";
        c.defaultTimeoutSeconds = 900;
        c.dockerStagingStack = "cflinuxfs4";
        c.dockerImages = Optional.ofNullable(images);
        return c;
    }

    private static StagingRequestFromCC docker(String image) {
        return StagingRequestFromCC.parse(("{\"app_id\": \"a\", \"memory_mb\": 64, \"disk_mb\": 64, \"lifecycle\": \"docker\","
                + " \"lifecycle_data\": {\"docker_image\": \"" + image + "\"}}").getBytes(StandardCharsets.UTF_8)).validate();
    }

    @Test
    void aCataloguedImageIsDownloadedByTheStagingTask() {
        TaskDefinition task = config("busybox:1.36=http://files/busybox.tar").taskBuilder(StagingLifecycle.DOCKER)
                .build("g", docker("busybox:1.36"));
        var downloads = task.action().timeout().action().serial().actions().get(0).parallel().actions();
        assertEquals("http://files/busybox.tar", downloads.get(1).download().from());
    }

    @Test
    void aMalformedCatalogueFailsDockerStagingsOnly() {
        StagerConfig broken = config("busybox:1.36");
        DiegoException e = assertThrows(DiegoException.class, () -> broken.taskBuilder(StagingLifecycle.DOCKER));
        assertTrue(e.getMessage().contains("diego.stager.docker-images: entry 'busybox:1.36'"), e.getMessage());
        broken.taskBuilder(StagingLifecycle.BUILDPACK);
        config(null).taskBuilder(StagingLifecycle.DOCKER).build("g", docker("busybox:1.36"));
    }
}
