package org.diego.core.bridge.staging;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.diego.core.json.Json;
import org.diego.core.model.Action;
import org.diego.core.model.DownloadAction;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.ParallelAction;
import org.diego.core.model.ResourceLimits;
import org.diego.core.model.RunAction;
import org.diego.core.model.SerialAction;
import org.diego.core.model.TaskDefinition;
import org.diego.core.model.TimeoutAction;
import org.diego.core.model.TryAction;
import org.diego.core.model.UploadAction;

/**
 * Builds the staging Task (Diego's stager backends): download the lifecycle bundle, the app bits, the
 * buildpacks and the old build cache in parallel; run the builder through {@code /bin/sh} (so the
 * bundle's file modes do not matter); upload the droplet and the new build cache through the
 * cc-uploader; the builder's result JSON is the Task's result file. The whole serial action runs
 * under the request's timeout. Pure: the same request always gives the same definition.
 */
public final class StagingTaskBuilder {
    public static final String BUILDPACK_BUNDLE = "buildpack_app_lifecycle/buildpack_app_lifecycle.tgz";
    public static final String DOCKER_BUNDLE = "docker_app_lifecycle/docker_app_lifecycle.tgz";

    private final StagingTaskConfig config;
    private final String dockerStagingStack;
    private final DockerImageCatalogue images;

    public StagingTaskBuilder(StagingTaskConfig config, String dockerStagingStack) {
        this(config, dockerStagingStack, DockerImageCatalogue.EMPTY);
    }

    /** @param images where docker staging finds the tarball of a plain image reference */
    public StagingTaskBuilder(StagingTaskConfig config, String dockerStagingStack, DockerImageCatalogue images) {
        this.config = config;
        this.dockerStagingStack = dockerStagingStack == null || dockerStagingStack.isEmpty() ? "cflinuxfs4"
                : dockerStagingStack;
        this.images = images == null ? DockerImageCatalogue.EMPTY : images;
    }

    /** The Task for a validated request; the Task's guid is the staging guid, its domain {@link StagingTaskConfig#DOMAIN}. */
    public TaskDefinition build(String stagingGuid, StagingRequestFromCC request) {
        StagingLifecycle kind = request.lifecycleKind();
        return kind == StagingLifecycle.BUILDPACK ? buildpack(stagingGuid, request, request.buildpackData())
                : docker(stagingGuid, request, request.dockerData());
    }

    private TaskDefinition buildpack(String guid, StagingRequestFromCC request, BuildpackStagingData data) {
        String lifecycle = config.path("tmp/lifecycle");
        String app = config.path("tmp/app");
        String buildpacksDir = config.path("tmp/buildpacks");
        String cache = config.path("tmp/cache");
        String droplet = config.path("tmp/droplet");
        String outputCache = config.path("tmp/output-cache");
        String result = config.path("tmp/result.json");

        List<Action> downloads = new ArrayList<>();
        downloads.add(download("", bundleUrl(BUILDPACK_BUNDLE), lifecycle, "buildpack-" + data.stack() + "-lifecycle", null));
        downloads.add(download("app package", data.appBitsDownloadUri(), app, "", data.appBitsChecksum()));
        List<String> order = new ArrayList<>();
        for (BuildpackRef bp : data.buildpacks()) {
            order.add(bp.key());
            downloads.add(download(bp.name(), bp.url(), buildpacksDir + "/" + md5Hex(bp.key()), bp.key(), null));
        }
        if (!data.buildArtifactsCacheDownloadUri().isEmpty()) {
            downloads.add(Action.of(new TryAction(download("build artifacts cache", data.buildArtifactsCacheDownloadUri(),
                    cache, "", data.buildpackCacheChecksum()), null)));
        }
        List<String> args = List.of(config.path("tmp/lifecycle/builder"),
                "-buildDir=" + app,
                "-buildpacksDir=" + buildpacksDir,
                "-buildpackOrder=" + String.join(",", order),
                "-skipDetect=" + data.skipDetect(),
                "-buildArtifactsCacheDir=" + cache,
                "-outputDroplet=" + droplet,
                "-outputBuildArtifactsCache=" + outputCache,
                "-outputMetadata=" + result);
        List<Action> uploads = new ArrayList<>();
        uploads.add(upload("droplet", droplet, uploaderUrl("droplet", guid, "cc-droplet-upload-uri",
                data.dropletUploadUri(), request)));
        if (!data.buildArtifactsCacheUploadUri().isEmpty()) {
            uploads.add(Action.of(new TryAction(upload("build artifacts cache", outputCache, uploaderUrl("build_artifacts",
                    request.appId(), "cc-build-artifacts-upload-uri", data.buildArtifactsCacheUploadUri(), request)), null)));
        }
        List<EnvironmentVariable> env = new ArrayList<>(request.environment());
        env.add(new EnvironmentVariable("CF_STACK", data.stack()));
        return definition(guid, request, "preloaded:" + data.stack(), env, downloads, run(args, request), uploads, result);
    }

    private TaskDefinition docker(String guid, StagingRequestFromCC request, DockerStagingData data) {
        String lifecycle = config.path("tmp/docker_app_lifecycle");
        String result = config.path("tmp/docker-result/result.json");
        List<Action> downloads = new ArrayList<>();
        downloads.add(download("", bundleUrl(DOCKER_BUNDLE), lifecycle, "docker-lifecycle", null));
        List<String> args = new ArrayList<>(List.of(config.path("tmp/docker_app_lifecycle/builder"),
                "-outputMetadataJSONFilename=" + result, "-dockerRef=" + data.dockerImage()));
        String image = data.dockerImage();
        // The executor's download action unpacks the image tarball into a directory for the builder: a
        // catalogued reference's (the builder still records the reference, which is what nsync desires
        // and the cells resolve), or one named directly by an http(s) URL (staging only: such an image
        // cannot be desired, as in Diego).
        String dir = config.path("tmp/image");
        if (image.startsWith("http://") || image.startsWith("https://")) {
            downloads.add(download("docker image", image, dir, "", null));
            args.add("-dockerImageDir=" + dir);
        } else {
            images.url(image).ifPresent(url -> {
                downloads.add(download("docker image", url, dir,
                        "docker-image-" + DockerImageCatalogue.canonical(image), null));
                args.add("-dockerImageDir=" + dir);
            });
        }
        if (!data.dockerLoginServer().isEmpty()) {
            args.add("-dockerLoginServer=" + data.dockerLoginServer());
        }
        if (!data.dockerUser().isEmpty()) {
            args.add("-dockerUser=" + data.dockerUser());
            args.add("-dockerPassword=" + data.dockerPassword());
            args.add("-dockerEmail=" + data.dockerEmail());
        }
        return definition(guid, request, "preloaded:" + dockerStagingStack, request.environment(), downloads,
                run(args, request), List.of(), result);
    }

    private TaskDefinition definition(String guid, StagingRequestFromCC request, String rootfs, List<EnvironmentVariable> env,
                                      List<Action> downloads, Action run, List<Action> uploads, String resultFile) {
        List<Action> steps = new ArrayList<>();
        steps.add(downloads.size() == 1 ? downloads.get(0) : Action.of(new ParallelAction(downloads, null)));
        steps.add(run);
        if (!uploads.isEmpty()) {
            steps.add(uploads.size() == 1 ? uploads.get(0) : Action.of(new ParallelAction(uploads, null)));
        }
        Action serial = Action.of(new SerialAction(steps, null));
        String annotation = Json.write(new StagingTaskAnnotation(request.lifecycle(), request.completionCallback()));
        return TaskDefinition.builder()
                .rootfs(rootfs)
                .env(env)
                .action(Action.of(new TimeoutAction(serial, null, timeoutSeconds(request) * 1000L)))
                .memoryMb(request.memoryMb())
                .diskMb(request.diskMb())
                .logSource(StagingTaskConfig.LOG_SOURCE)
                .logGuid(request.logGuid())
                .resultFile(resultFile)
                .completionCallbackUrl(config.callbackUrl(guid))
                .annotation(annotation)
                .egressRules(request.egressRules())
                .placementTags(request.isolationSegment().isEmpty() ? List.of() : List.of(request.isolationSegment()))
                .build();
    }

    private Action run(List<String> args, StagingRequestFromCC request) {
        ResourceLimits limits = request.fileDescriptors() > 0 ? new ResourceLimits((long) request.fileDescriptors(), null) : null;
        return Action.of(new RunAction("/bin/sh", args, "", List.of(), limits, config.user(),
                StagingTaskConfig.LOG_SOURCE, false, null));
    }

    private Action download(String artifact, String from, String to, String cacheKey, Checksum checksum) {
        boolean sum = checksum != null && !checksum.isEmpty();
        return Action.of(new DownloadAction(artifact, from, to, cacheKey, StagingTaskConfig.LOG_SOURCE, config.user(),
                sum ? checksum.type() : null, sum ? checksum.value() : null));
    }

    private Action upload(String artifact, String from, String to) {
        return Action.of(new UploadAction(artifact, from, to, StagingTaskConfig.LOG_SOURCE, config.user()));
    }

    private String bundleUrl(String bundle) {
        return config.fileServerUrl() + "/v1/static/" + bundle;
    }

    /** {@code <cc-uploader>/v1/<kind>/<guid>?<key>=<CC's upload URI>&timeout=<s>}, as Diego's stager builds it. */
    private String uploaderUrl(String kind, String guid, String key, String ccUri, StagingRequestFromCC request) {
        return config.ccUploaderUrl() + "/v1/" + kind + "/" + guid + "?" + key + "="
                + URLEncoder.encode(ccUri, StandardCharsets.UTF_8) + "&timeout=" + timeoutSeconds(request);
    }

    private int timeoutSeconds(StagingRequestFromCC request) {
        return request.timeout() > 0 ? request.timeout() : config.defaultTimeoutSeconds();
    }

    /** The builder finds buildpack {@code key} in {@code <buildpacksDir>/<md5 hex of key>} (Diego's layout). */
    public static String md5Hex(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
