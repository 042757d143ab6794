package org.diego.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A long-running process the client wants N instances of (Diego's DesiredLRP), with every field of
 * Diego's message; the component names give Diego's JSON names in snake case ({@code process_guid},
 * {@code memory_mb}, {@code env}, ...). Absent lists and maps read as empty, absent routes as none and
 * an absent update strategy as ROLLING. Use {@link #builder()} rather than the canonical constructor.
 * Stored split as {@link DesiredLrpSchedulingInfo} and {@link DesiredLrpRunInfo}, as Diego does.
 */
public record DesiredLrp(
        String processGuid,
        String domain,
        String rootfs,
        int instances,
        List<EnvironmentVariable> env,
        Action setup,
        Action action,
        long startTimeoutMs,
        Action monitor,
        int diskMb,
        int memoryMb,
        int cpuWeight,
        boolean privileged,
        List<Integer> ports,
        Routes routes,
        String logSource,
        String logGuid,
        String metricsGuid,
        String annotation,
        List<SecurityGroupRule> egressRules,
        ModificationTag modificationTag,
        List<CachedDependency> cachedDependencies,
        String legacyDownloadUser,
        String trustedSystemCertificatesPath,
        List<VolumeMount> volumeMounts,
        Network network,
        List<String> placementTags,
        int maxPids,
        CertificateProperties certificateProperties,
        String imageUsername,
        String imagePassword,
        CheckDefinition checkDefinition,
        List<ImageLayer> imageLayers,
        Map<String, MetricTagValue> metricTags,
        List<Sidecar> sidecars,
        LogRateLimit logRateLimit,
        List<File> volumeMountedFiles,
        UpdateStrategy updateStrategy) {

    public DesiredLrp {
        env = list(env);
        ports = list(ports);
        routes = Routes.orEmpty(routes);
        egressRules = list(egressRules);
        cachedDependencies = list(cachedDependencies);
        volumeMounts = list(volumeMounts);
        placementTags = list(placementTags);
        imageLayers = list(imageLayers);
        metricTags = metricTags(metricTags);
        sidecars = list(sidecars);
        volumeMountedFiles = list(volumeMountedFiles);
        updateStrategy = updateStrategy == null ? UpdateStrategy.ROLLING : updateStrategy;
    }

    public static DesiredLrpBuilder builder() {
        return new DesiredLrpBuilder();
    }

    public DesiredLrpBuilder toBuilder() {
        return new DesiredLrpBuilder(this);
    }

    /** Joins the two stored halves back into the DesiredLRP (Diego's NewDesiredLRP). */
    public static DesiredLrp of(DesiredLrpSchedulingInfo s, DesiredLrpRunInfo r, Map<String, MetricTagValue> metricTags,
                                UpdateStrategy updateStrategy) {
        return builder()
                .processGuid(s.processGuid()).domain(s.domain()).logGuid(s.logGuid())
                .memoryMb(s.memoryMb()).diskMb(s.diskMb()).maxPids(s.maxPids()).rootfs(s.rootfs())
                .instances(s.instances()).annotation(s.annotation()).routes(s.routes())
                .modificationTag(s.modificationTag()).placementTags(s.placementTags())
                .env(r.env()).cachedDependencies(r.cachedDependencies()).setup(r.setup()).action(r.action())
                .monitor(r.monitor()).startTimeoutMs(r.startTimeoutMs()).privileged(r.privileged())
                .cpuWeight(r.cpuWeight()).ports(r.ports()).egressRules(r.egressRules()).logSource(r.logSource())
                .metricsGuid(r.metricsGuid()).legacyDownloadUser(r.legacyDownloadUser())
                .trustedSystemCertificatesPath(r.trustedSystemCertificatesPath()).volumeMounts(r.volumeMounts())
                .network(r.network()).certificateProperties(r.certificateProperties())
                .imageUsername(r.imageUsername()).imagePassword(r.imagePassword())
                .checkDefinition(r.checkDefinition()).imageLayers(r.imageLayers()).metricTags(metricTags)
                .sidecars(r.sidecars()).logRateLimit(r.logRateLimit()).volumeMountedFiles(r.volumeMountedFiles())
                .updateStrategy(updateStrategy)
                .build();
    }

    /** Checks every field a client supplies, in Diego's rules; throws naming the first bad field. */
    public DesiredLrp validate() {
        key().validate();
        resource().validate();
        Validation.nonNegative("instances", instances);
        if (logRateLimit != null) {
            logRateLimit.validate("log_rate_limit");
        }
        Validation.maxBytes("annotation", annotation, Validation.MAX_ANNOTATION_BYTES);
        routes.validate("routes");
        MetricTagValue.validateAll("metric_tags", metricTags, metricsGuid);
        runInfo(0).validate();
        return this;
    }

    public DesiredLrpKey key() {
        return new DesiredLrpKey(processGuid, domain, logGuid);
    }

    public DesiredLrpResource resource() {
        return new DesiredLrpResource(memoryMb, diskMb, rootfs, maxPids);
    }

    public DesiredLrp withModificationTag(ModificationTag tag) {
        return toBuilder().modificationTag(tag).build();
    }

    /** What the auctioneer and convergence read, without the run recipe. */
    public DesiredLrpSchedulingInfo schedulingInfo() {
        return new DesiredLrpSchedulingInfo(key(), annotation, instances, resource(), routes, modificationTag,
                VolumePlacement.of(volumeMounts), placementTags);
    }

    /** Everything a cell needs to run an instance; {@code createdAtNanos} is when it was desired. */
    public DesiredLrpRunInfo runInfo(long createdAtNanos) {
        return new DesiredLrpRunInfo(key(), env, setup, action, monitor, privileged, cpuWeight, ports, egressRules,
                logSource, metricsGuid, createdAtNanos, cachedDependencies, legacyDownloadUser,
                trustedSystemCertificatesPath, volumeMounts, network, startTimeoutMs, certificateProperties,
                imageUsername, imagePassword, checkDefinition, imageLayers, sidecars, logRateLimit, volumeMountedFiles);
    }

    /**
     * What the route emitter reads (Diego's DesiredLRPRoutingInfos answers DesiredLRPs holding only
     * these): key, instances, routes, modification tag and metric tags.
     */
    public DesiredLrp routingInfo() {
        return builder().processGuid(processGuid).domain(domain).logGuid(logGuid).instances(instances)
                .routes(routes).modificationTag(modificationTag).metricTags(metricTags).build();
    }

    /**
     * The LRP after {@code update}: only instances, routes, annotation, metric tags and image
     * credentials change (absent = unchanged), and the modification tag index goes up by one.
     */
    public DesiredLrp apply(DesiredLrpUpdate update) {
        update.validate();
        DesiredLrpBuilder b = toBuilder();
        if (update.instances() != null) {
            b.instances(update.instances());
        }
        if (update.routes() != null) {
            b.routes(update.routes());
        }
        if (update.annotation() != null) {
            b.annotation(update.annotation());
        }
        if (update.metricTags() != null) {
            b.metricTags(update.metricTags());
        }
        if (update.imageUsername() != null) {
            b.imageUsername(update.imageUsername());
        }
        if (update.imagePassword() != null) {
            b.imagePassword(update.imagePassword());
        }
        // Go's zero tag is {"", 0}; incrementing it gives index 1, as here.
        ModificationTag tag = modificationTag == null ? new ModificationTag("", 0) : modificationTag;
        return b.modificationTag(tag.next()).build();
    }

    /** The LRP as the deprecated .r2 read routes return it: image layers turned into downloads. */
    public DesiredLrp versionDownToV2() {
        return ImageLayerDowngrade.apply(this);
    }

    /**
     * Diego's read-time reconciliation of the deprecated {@code metrics_guid} with the
     * {@code source_id} metric tag: whichever is missing is filled from the other.
     */
    public DesiredLrp populateMetricsGuid() {
        MetricTagValue sourceId = metricTags.get("source_id");
        boolean noGuid = metricsGuid == null || metricsGuid.isEmpty();
        if (sourceId != null && noGuid) {
            return toBuilder().metricsGuid(sourceId.staticValue()).build();
        }
        if (sourceId == null && !noGuid) {
            Map<String, MetricTagValue> tags = new LinkedHashMap<>(metricTags);
            tags.put("source_id", MetricTagValue.ofStatic(metricsGuid));
            return toBuilder().metricTags(tags).build();
        }
        return this;
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    /** Insertion order is kept; a null value survives so that validation can name it. */
    private static Map<String, MetricTagValue> metricTags(Map<String, MetricTagValue> tags) {
        return tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }
}
