package org.diego.core.bridge.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.diego.core.json.Json;
import org.diego.core.model.Action;
import org.diego.core.model.DownloadAction;
import org.diego.core.model.RunAction;
import org.diego.core.model.TaskDefinition;
import org.diego.core.model.UploadAction;
import org.junit.jupiter.api.Test;

class StagingTaskBuilderTest {
    private static final StagingTaskConfig RELATIVE = new StagingTaskConfig("http://bbs:28080/stager/",
            "http://bbs:28080/file-server", "http://bbs:28080/cc-uploader", "", "", 0);
    private static final StagingTaskConfig ROOTFS = new StagingTaskConfig("http://s", "http://f", "http://u", "/", "vcap", 60);

    private final TaskDefinition buildpack = new StagingTaskBuilder(RELATIVE, null)
            .build("stage-1", StagingFixtures.parse(StagingFixtures.BUILDPACK).validate()).validate();

    @Test
    void buildpackTaskCarriesTheRequest() {
        TaskDefinition d = buildpack;
        assertEquals("preloaded:cflinuxfs4", d.rootfs());
        assertEquals(256, d.memoryMb());
        assertEquals(1024, d.diskMb());
        assertEquals("log-1", d.logGuid());
        assertEquals("STG", d.logSource());
        assertEquals("http://bbs:28080/stager/v1/staging/stage-1/completed", d.completionCallbackUrl());
        assertEquals("tmp/result.json", d.resultFile());
        assertEquals(List.of("seg"), d.placementTags());
        assertEquals(1, d.egressRules().size());
        assertTrue(d.env().stream().anyMatch(e -> e.name().equals("CF_STACK") && e.value().equals("cflinuxfs4")));
        assertEquals(new StagingTaskAnnotation("buildpack", "http://cc/internal/staging/s-1/completed"),
                Json.read(d.annotation(), StagingTaskAnnotation.class));
        assertEquals(900_000L, d.action().timeout().timeoutMs());
    }

    @Test
    void buildpackTaskDownloadsRunsAndUploads() {
        List<Action> steps = buildpack.action().timeout().action().serial().actions();
        List<Action> downloads = steps.get(0).parallel().actions();
        DownloadAction lifecycle = downloads.get(0).download();
        assertEquals("http://bbs:28080/file-server/v1/static/buildpack_app_lifecycle/buildpack_app_lifecycle.tgz", lifecycle.from());
        assertEquals("tmp/lifecycle", lifecycle.to());
        assertEquals("buildpack-cflinuxfs4-lifecycle", lifecycle.cacheKey());
        DownloadAction app = downloads.get(1).download();
        assertEquals("http://cc/app.zip", app.from());
        assertEquals("tmp/app", app.to());
        assertEquals("sha256", app.checksumAlgorithm());
        DownloadAction bp = downloads.get(2).download();
        assertEquals("tmp/buildpacks/" + StagingTaskBuilder.md5Hex("sh-key"), bp.to());
        assertEquals("sh-key", bp.cacheKey());
        assertEquals("http://cc/cache", downloads.get(4).tryAction().action().download().from());

        RunAction run = steps.get(1).run();
        assertEquals("/bin/sh", run.path());
        assertEquals(List.of("tmp/lifecycle/builder", "-buildDir=tmp/app", "-buildpacksDir=tmp/buildpacks",
                "-buildpackOrder=sh-key,other-key", "-skipDetect=false", "-buildArtifactsCacheDir=tmp/cache",
                "-outputDroplet=tmp/droplet", "-outputBuildArtifactsCache=tmp/output-cache",
                "-outputMetadata=tmp/result.json"), run.args());
        assertEquals(512L, run.resourceLimits().nofile());

        List<Action> uploads = steps.get(2).parallel().actions();
        UploadAction droplet = uploads.get(0).upload();
        assertEquals("tmp/droplet", droplet.from());
        assertEquals("http://bbs:28080/cc-uploader/v1/droplet/stage-1?cc-droplet-upload-uri="
                + "http%3A%2F%2Fcc%2Fdroplet%3Fx%3D1%26y%3D2&timeout=900", droplet.to());
        UploadAction cache = uploads.get(1).tryAction().action().upload();
        assertEquals("tmp/output-cache", cache.from());
        assertEquals("http://bbs:28080/cc-uploader/v1/build_artifacts/app-1?cc-build-artifacts-upload-uri="
                + "http%3A%2F%2Fcc%2Fcache-up&timeout=900", cache.to());
    }

    @Test
    void rootfsLayoutUsesAbsolutePaths() {
        String json = StagingFixtures.BUILDPACK.replace("\"timeout\": 900,", "");
        TaskDefinition d = new StagingTaskBuilder(ROOTFS, null).build("g", StagingFixtures.parse(json).validate());
        assertEquals("/tmp/result.json", d.resultFile());
        assertEquals(60_000L, d.action().timeout().timeoutMs(), "the default timeout applies");
        RunAction run = d.action().timeout().action().serial().actions().get(1).run();
        assertEquals("/tmp/lifecycle/builder", run.args().get(0));
    }

    @Test
    void skipDetectAndOptionalCacheAreHonoured() {
        String json = StagingFixtures.BUILDPACK.replace("\"skip_detect\": false", "\"skip_detect\": true")
                .replace("\"build_artifacts_cache_download_uri\": \"http://cc/cache\",", "")
                .replace("\"build_artifacts_cache_upload_uri\": \"http://cc/cache-up\",", "");
        TaskDefinition d = new StagingTaskBuilder(RELATIVE, null).build("g", StagingFixtures.parse(json).validate()).validate();
        List<Action> steps = d.action().timeout().action().serial().actions();
        assertEquals(4, steps.get(0).parallel().actions().size(), "lifecycle, app and two buildpacks; no cache");
        assertTrue(steps.get(1).run().args().contains("-skipDetect=true"));
        assertNotNull(steps.get(2).upload(), "only the droplet is uploaded");
    }

    @Test
    void dockerTaskRunsTheDockerBuilder() {
        TaskDefinition d = new StagingTaskBuilder(RELATIVE, "busybox")
                .build("d-1", StagingFixtures.parse(StagingFixtures.DOCKER).validate()).validate();
        assertEquals("preloaded:busybox", d.rootfs());
        assertEquals("tmp/docker-result/result.json", d.resultFile());
        List<Action> steps = d.action().timeout().action().serial().actions();
        assertEquals(2, steps.size(), "nothing to upload");
        List<Action> downloads = steps.get(0).parallel().actions();
        assertEquals("http://bbs:28080/file-server/v1/static/docker_app_lifecycle/docker_app_lifecycle.tgz",
                downloads.get(0).download().from());
        assertEquals("tmp/image", downloads.get(1).download().to());
        assertEquals(List.of("tmp/docker_app_lifecycle/builder", "-outputMetadataJSONFilename=tmp/docker-result/result.json",
                "-dockerRef=http://files/busybox.tar", "-dockerImageDir=tmp/image", "-dockerUser=u", "-dockerPassword=p",
                "-dockerEmail=e@x"), steps.get(1).run().args());
        assertEquals("docker", Json.read(d.annotation(), StagingTaskAnnotation.class).lifecycle());
    }

    @Test
    void aCataloguedReferenceIsDownloadedForTheBuilderWhichRecordsTheReference() {
        DockerImageCatalogue images = DockerImageCatalogue.parse("busybox:1.36=http://files/images/busybox-1.36.tar");
        String json = StagingFixtures.DOCKER.replace("http://files/busybox.tar", "docker.io/library/busybox:1.36");
        TaskDefinition d = new StagingTaskBuilder(RELATIVE, "busybox", images)
                .build("d-2", StagingFixtures.parse(json).validate()).validate();
        List<Action> steps = d.action().timeout().action().serial().actions();
        DownloadAction image = steps.get(0).parallel().actions().get(1).download();
        assertEquals("http://files/images/busybox-1.36.tar", image.from());
        assertEquals("tmp/image", image.to());
        assertEquals("docker-image-busybox:1.36", image.cacheKey(), "one cache entry per image, however it is spelt");
        List<String> args = steps.get(1).run().args();
        assertTrue(args.contains("-dockerRef=docker.io/library/busybox:1.36"), args.toString());
        assertTrue(args.contains("-dockerImageDir=tmp/image"), args.toString());
    }

    @Test
    void anUncataloguedReferenceIsLeftToTheBuilder() {
        String json = StagingFixtures.DOCKER.replace("http://files/busybox.tar", "busybox:1.35");
        TaskDefinition d = new StagingTaskBuilder(RELATIVE, "busybox",
                DockerImageCatalogue.parse("busybox:1.36=http://files/images/busybox-1.36.tar"))
                .build("d-3", StagingFixtures.parse(json).validate()).validate();
        List<Action> steps = d.action().timeout().action().serial().actions();
        assertNotNull(steps.get(0).download(), "only the lifecycle is downloaded");
        List<String> args = steps.get(1).run().args();
        assertTrue(args.contains("-dockerRef=busybox:1.35"));
        assertTrue(args.stream().noneMatch(a -> a.startsWith("-dockerImageDir=")), args.toString());
    }
}
