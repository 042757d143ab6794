package org.diego.core.bridge.nsync;

import java.util.ArrayList;
import java.util.List;
import org.diego.core.bridge.cc.DesireAppRequestFromCC;
import org.diego.core.model.Action;
import org.diego.core.model.CodependentAction;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.DesiredLrpBuilder;
import org.diego.core.model.DesiredLrpUpdate;
import org.diego.core.model.DownloadAction;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.ResourceLimits;
import org.diego.core.model.Routes;
import org.diego.core.model.RunAction;
import org.diego.core.model.SerialAction;
import org.diego.core.model.ValidationException;

/**
 * DesireAppRequestFromCC → DesiredLRP, as Diego's nsync buildpack and docker recipe builders:
 * <ul>
 *   <li>buildpack ({@code droplet_uri}): rootfs {@code preloaded:<stack>}, the buildpack lifecycle bundle
 *       cached at {@code /tmp/lifecycle}, setup downloads the droplet into the home directory ({@code .}
 *       as {@code vcap}, i.e. {@code /home/vcap}; sha1 checked when {@code droplet_hash} is given), and the
 *       action runs {@code /tmp/lifecycle/launcher app <start_command> <execution_metadata>} as vcap;</li>
 *   <li>docker ({@code docker_image}): rootfs {@code docker://...} ({@link DockerImages}), the docker
 *       lifecycle bundle, no setup, the launcher run as the image's user (root by default), ports from
 *       {@code ports} or the image's exposed TCP ports.</li>
 * </ul>
 * Both: domain {@code cf-apps}, ports (default 8080), env PORT (+ VCAP_APP_PORT/VCAP_APP_HOST for
 * buildpack apps) on the launcher and LANG on the container (buildpack), log source CELL for the LRP and
 * APP (or CC's) for the app, health checks per {@link HealthChecks}, start timeout from
 * {@code health_check_timeout_in_seconds}, routes per {@link CcRoutes}, the etag as annotation, the
 * isolation segment as placement tag. {@code allow_ssh} adds nothing: there is no SSH proxy here.
 */
public final class AppRecipeBuilder {
    private final RecipeSettings settings;

    public AppRecipeBuilder(RecipeSettings settings) {
        this.settings = settings;
    }

    /** The DesiredLRP to desire; throws ValidationException naming the bad field (400 for CC). */
    public DesiredLrp build(DesireAppRequestFromCC app) {
        app.validate();
        return app.docker() ? docker(app) : buildpack(app);
    }

    /** The ports the recipe exposes (and routes default to): CC's, else the lifecycle's default. */
    public List<Integer> ports(DesireAppRequestFromCC app) {
        if (app.ports() != null && !app.ports().isEmpty()) {
            return app.ports();
        }
        return app.docker() ? DockerExecutionMetadata.parse(app.executionMetadata()).tcpPorts()
                : List.of(Recipes.DEFAULT_PORT);
    }

    /**
     * The update for an app that is already desired: Diego changes only instances, routes (cf-router
     * and tcp-router replaced, other routers kept) and the annotation (the new etag).
     */
    public DesiredLrpUpdate update(DesiredLrp existing, DesireAppRequestFromCC app) {
        app.validate();
        Routes routes = CcRoutes.merge(existing.routes(), CcRoutes.of(app.routingInfo(), ports(app)));
        return new DesiredLrpUpdate(app.numInstances(), routes, app.etag() == null ? "" : app.etag(), null, null, null);
    }

    private DesiredLrp buildpack(DesireAppRequestFromCC app) {
        if (app.stack() == null || app.stack().isBlank()) {
            throw new ValidationException("stack", "is required for a buildpack app (no lifecycle for an empty stack)");
        }
        List<Integer> ports = ports(app);
        DownloadAction droplet = new DownloadAction("", app.dropletUri(), ".", "droplets-" + app.processGuid(), "",
                "vcap", hashAlgorithm(app.dropletHash()), emptyToNull(app.dropletHash()));
        RunAction launcher = launcher(app, ports, "vcap", true);
        return common(app, ports)
                .rootfs("preloaded:" + app.stack())
                .env(List.of(new EnvironmentVariable("LANG", Recipes.DEFAULT_LANG)))
                .cachedDependencies(List.of(Recipes.lifecycle(settings, "buildpack",
                        "buildpack-" + app.stack() + "-lifecycle")))
                .setup(Action.of(new SerialAction(List.of(Action.of(droplet)), null)))
                .action(Action.of(new CodependentAction(List.of(Action.of(launcher)), null)))
                .monitor(HealthChecks.monitor(app.healthCheckType(), app.healthCheckHttpEndpoint(), ports, "vcap", settings.healthcheck()))
                .build();
    }

    private DesiredLrp docker(DesireAppRequestFromCC app) {
        String rootfs = DockerImages.rootfs("docker_image", app.dockerImage());
        DockerExecutionMetadata metadata = DockerExecutionMetadata.parse(app.executionMetadata());
        String user = metadata.userOrRoot();
        List<Integer> ports = ports(app);
        RunAction launcher = launcher(app, ports, user, false);
        return common(app, ports)
                .rootfs(rootfs)
                .cachedDependencies(List.of(Recipes.lifecycle(settings, "docker", "docker-lifecycle")))
                .action(Action.of(new CodependentAction(List.of(Action.of(launcher)), null)))
                .monitor(HealthChecks.monitor(app.healthCheckType(), app.healthCheckHttpEndpoint(), ports, user, settings.healthcheck()))
                .imageUsername(emptyToNull(app.dockerUser()))
                .imagePassword(emptyToNull(app.dockerPassword()))
                .build();
    }

    private DesiredLrpBuilder common(DesireAppRequestFromCC app, List<Integer> ports) {
        return DesiredLrp.builder()
                .processGuid(app.processGuid())
                .domain(Recipes.APP_DOMAIN)
                .instances(app.numInstances())
                .routes(CcRoutes.of(app.routingInfo(), ports))
                .annotation(app.etag() == null ? "" : app.etag())
                .cpuWeight(Recipes.cpuWeight(app.memoryMb()))
                .memoryMb(app.memoryMb())
                .diskMb(app.diskMb())
                .ports(ports)
                .privileged(settings.privileged())
                .logGuid(app.logGuid())
                .logSource(Recipes.LRP_LOG_SOURCE)
                .metricsGuid(app.logGuid())
                .checkDefinition(HealthChecks.checks(app.healthCheckType(), app.healthCheckHttpEndpoint(), ports))
                .startTimeoutMs(app.healthCheckTimeoutInSeconds() * 1000)
                .egressRules(app.egressRules())
                .network(app.network())
                .trustedSystemCertificatesPath(Recipes.TRUSTED_CERTIFICATES_PATH)
                .volumeMounts(Recipes.volumeMounts(app.volumeMounts()))
                .placementTags(Recipes.placementTags(app.isolationSegment()));
    }

    private RunAction launcher(DesireAppRequestFromCC app, List<Integer> ports, String user,
                                      boolean deprecatedEnv) {
        long nofile = app.fileDescriptors() == 0 ? Recipes.DEFAULT_FILE_DESCRIPTORS : app.fileDescriptors();
        List<String> args = new ArrayList<>();
        args.add("app");
        args.add(app.startCommand() == null ? "" : app.startCommand());
        args.add(app.executionMetadata() == null ? "" : app.executionMetadata());
        return new RunAction(settings.launcher(), args, null, Recipes.appEnv(app.environment(), ports, deprecatedEnv),
                new ResourceLimits(nofile, null), user, Recipes.orDefault(app.logSource(), Recipes.APP_LOG_SOURCE),
                false, null);
    }

    static String hashAlgorithm(String hash) {
        return hash == null || hash.isEmpty() ? null : "sha1";
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
