package org.diego.core.bridge.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StagingRequestFromCCTest {

    @Test
    void readsEveryBuildpackFieldByCcName() {
        StagingRequestFromCC r = StagingFixtures.parse(StagingFixtures.BUILDPACK).validate();
        assertEquals("app-1", r.appId());
        assertEquals(512, r.fileDescriptors());
        assertEquals(256, r.memoryMb());
        assertEquals(1024, r.diskMb());
        assertEquals("A", r.environment().get(0).name());
        assertEquals("tcp", r.egressRules().get(0).protocol());
        assertEquals(900, r.timeout());
        assertEquals("log-1", r.logGuid());
        assertEquals(StagingLifecycle.BUILDPACK, r.lifecycleKind());
        assertEquals("http://cc/internal/staging/s-1/completed", r.completionCallback());
        assertEquals("seg", r.isolationSegment());
        BuildpackStagingData d = r.buildpackData();
        assertEquals("http://cc/app.zip", d.appBitsDownloadUri());
        assertEquals("sha256", d.appBitsChecksum().type());
        assertEquals("http://cc/cache", d.buildArtifactsCacheDownloadUri());
        assertEquals("http://cc/cache-up", d.buildArtifactsCacheUploadUri());
        assertEquals(2, d.buildpacks().size());
        assertEquals(new BuildpackRef("sh", "sh-key", "http://cc/bp.zip", false), d.buildpacks().get(0));
        assertEquals("http://cc/droplet?x=1&y=2", d.dropletUploadUri());
        assertEquals("cflinuxfs4", d.stack());
        assertFalse(d.skipDetect());
    }

    @Test
    void readsDockerData() {
        DockerStagingData d = StagingFixtures.parse(StagingFixtures.DOCKER).validate().dockerData();
        assertEquals(new DockerStagingData("http://files/busybox.tar", "", "u", "p", "e@x"), d);
    }

    static Stream<Arguments> badRequests() {
        String bp = StagingFixtures.BUILDPACK;
        return Stream.of(
                Arguments.of(bp.replace("\"lifecycle\": \"buildpack\"", "\"lifecycle\": \"cnb\""), "lifecycle"),
                Arguments.of(bp.replace("\"lifecycle\": \"buildpack\",", ""), "lifecycle"),
                Arguments.of(bp.replace("\"app_id\": \"app-1\"", "\"app_id\": \"\""), "app_id"),
                Arguments.of(bp.replace("\"memory_mb\": 256", "\"memory_mb\": -1"), "memory_mb"),
                Arguments.of(bp.replace("\"droplet_upload_uri\": \"http://cc/droplet?x=1&y=2\",", ""),
                        "lifecycle_data.droplet_upload_uri"),
                Arguments.of(bp.replace("\"app_bits_download_uri\": \"http://cc/app.zip\",", ""),
                        "lifecycle_data.app_bits_download_uri"),
                Arguments.of(bp.replace("\"stack\": \"cflinuxfs4\"", "\"stack\": \"\""), "lifecycle_data.stack"),
                Arguments.of(bp.replace("\"url\": \"http://cc/bp2.zip\"", "\"url\": \"\""), "lifecycle_data.buildpacks[1].url"),
                Arguments.of(bp.replace("\"key\": \"sh-key\"", "\"key\": \"\""), "lifecycle_data.buildpacks[0].key"),
                Arguments.of(bp.replace("\"skip_detect\": false}]", "\"skip_detect\": true}]"), "lifecycle_data.buildpacks"),
                Arguments.of(bp.replace("\"environment\": [{\"name\": \"A\",", "\"environment\": [{\"name\": \"\","),
                        "environment[0].name"),
                Arguments.of(bp.replace("\"protocol\": \"tcp\"", "\"protocol\": \"ftp\""), "egress_rules[0].protocol"),
                Arguments.of(bp.replace("\"completion_callback\": \"http://cc/internal/staging/s-1/completed\"",
                        "\"completion_callback\": \"cc\""), "completion_callback"),
                Arguments.of(StagingFixtures.DOCKER.replace("\"docker_image\": \"http://files/busybox.tar\",", ""),
                        "lifecycle_data.docker_image"),
                Arguments.of(StagingFixtures.DOCKER.replace("\"docker_password\": \"p\",", ""),
                        "lifecycle_data.docker_password"),
                Arguments.of(StagingFixtures.DOCKER.replaceAll("\"lifecycle_data\": \\{[^}]*\\},", ""), "lifecycle_data"),
                Arguments.of(StagingFixtures.DOCKER.replaceAll("\"lifecycle_data\": \\{[^}]*\\}", "\"lifecycle_data\": 5"),
                        "lifecycle_data"),
                Arguments.of(bp.replace("\"buildpacks\": [", "\"buildpacks\": 7, \"x\": ["), "lifecycle_data"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void refusesBadInputNamingTheField(String json, String field) {
        ValidationException e = assertThrows(ValidationException.class, () -> StagingFixtures.parse(json).validate());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(field));
    }

    @Test
    void unknownLifecycleIsItsOwnError() {
        String json = StagingFixtures.BUILDPACK.replace("\"lifecycle\": \"buildpack\"", "\"lifecycle\": \"cnb\"");
        assertThrows(UnknownLifecycleException.class, () -> StagingFixtures.parse(json).validate());
    }

    @Test
    void malformedJsonIsInvalidJson() {
        assertThrows(DiegoException.class, () -> StagingFixtures.parse("{\"memory_mb\": \"x\"}"));
        assertThrows(DiegoException.class, () -> StagingFixtures.parse("nope"));
    }
}
