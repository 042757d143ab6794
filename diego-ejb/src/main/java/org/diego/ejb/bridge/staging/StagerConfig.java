package org.diego.ejb.bridge.staging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.diego.core.bridge.staging.DockerImageCatalogue;
import org.diego.core.bridge.staging.StagingLifecycle;
import org.diego.core.bridge.staging.StagingTaskBuilder;
import org.diego.core.bridge.staging.StagingTaskConfig;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The stager's settings (MicroProfile Config, like {@code DiegoConfig}). The three URLs are what the
 * cells use to reach this cluster, so they must be addresses the cells can reach.
 */
@ApplicationScoped
public class StagerConfig {
    @Inject @ConfigProperty(name = "diego.stager.url", defaultValue = "http://127.0.0.1:28080/stager")
    String stagerUrl;
    @Inject @ConfigProperty(name = "diego.file-server.url", defaultValue = "http://127.0.0.1:28080/file-server")
    String fileServerUrl;
    @Inject @ConfigProperty(name = "diego.cc-uploader.url", defaultValue = "http://127.0.0.1:28080/cc-uploader")
    String ccUploaderUrl;
    /** "" = container-relative paths (the process backend needs them); "/" = absolute paths in a rootfs. */
    @Inject @ConfigProperty(name = "diego.stager.container-root", defaultValue = "")
    Optional<String> containerRoot;
    @Inject @ConfigProperty(name = "diego.stager.user", defaultValue = "vcap")
    String user;
    @Inject @ConfigProperty(name = "diego.stager.default-timeout-seconds", defaultValue = "900")
    int defaultTimeoutSeconds;
    @Inject @ConfigProperty(name = "diego.stager.docker-staging-stack", defaultValue = "cflinuxfs4")
    String dockerStagingStack;
    /** The docker image catalogue, {@code REF=URL} entries (see {@link DockerImageCatalogue}). */
    @Inject @ConfigProperty(name = DockerImageCatalogue.SETTING)
    Optional<String> dockerImages;
    @Inject @ConfigProperty(name = "diego.stager.callback-attempts", defaultValue = "3")
    int callbackAttempts;
    @Inject @ConfigProperty(name = "diego.stager.callback-timeout-millis", defaultValue = "10000")
    long callbackTimeoutMillis;
    @Inject @ConfigProperty(name = "diego.cc.base-url")
    Optional<String> ccBaseUrl;
    @Inject @ConfigProperty(name = "diego.cc.username")
    Optional<String> ccUsername;
    @Inject @ConfigProperty(name = "diego.cc.password")
    Optional<String> ccPassword;

    /**
     * The builder for a request of {@code lifecycle}. The image catalogue is read for docker requests
     * only, so a malformed one fails docker stagings (500, the message naming the entry) and nothing else.
     */
    public StagingTaskBuilder taskBuilder(StagingLifecycle lifecycle) {
        DockerImageCatalogue images = DockerImageCatalogue.EMPTY;
        if (lifecycle == StagingLifecycle.DOCKER) {
            try {
                images = DockerImageCatalogue.parse(dockerImages.orElse(""));
            } catch (IllegalArgumentException e) {
                throw new DiegoException(ErrorType.UnknownError, e.getMessage());
            }
        }
        return new StagingTaskBuilder(new StagingTaskConfig(stagerUrl, fileServerUrl, ccUploaderUrl,
                containerRoot.orElse(""), user, defaultTimeoutSeconds), dockerStagingStack, images);
    }

    public int callbackAttempts() {
        return Math.max(1, callbackAttempts);
    }

    public Duration callbackTimeout() {
        return Duration.ofMillis(callbackTimeoutMillis);
    }

    /** Where CC hears of a staging it gave no callback for (Diego's default route), if CC's URL is known. */
    public Optional<String> defaultCallback(String stagingGuid) {
        return ccBaseUrl.filter(u -> !u.isBlank())
                .map(u -> u.replaceAll("/+$", "") + "/internal/staging/" + stagingGuid + "/completed");
    }

    public Optional<String> ccUsername() {
        return ccUsername.filter(u -> !u.isBlank());
    }

    public String ccPassword() {
        return ccPassword.orElse("");
    }
}
