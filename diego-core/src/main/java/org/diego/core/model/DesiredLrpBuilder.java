package org.diego.core.model;

import java.util.List;
import java.util.Map;

/** Builds a {@link DesiredLrp} field by field, so that call sites name what they set. */
public final class DesiredLrpBuilder {
    private String processGuid;
    private String domain;
    private String rootfs;
    private int instances;
    private List<EnvironmentVariable> env;
    private Action setup;
    private Action action;
    private long startTimeoutMs;
    private Action monitor;
    private int diskMb;
    private int memoryMb;
    private int cpuWeight;
    private boolean privileged;
    private List<Integer> ports;
    private Routes routes;
    private String logSource;
    private String logGuid;
    private String metricsGuid;
    private String annotation;
    private List<SecurityGroupRule> egressRules;
    private ModificationTag modificationTag;
    private List<CachedDependency> cachedDependencies;
    private String legacyDownloadUser;
    private String trustedSystemCertificatesPath;
    private List<VolumeMount> volumeMounts;
    private Network network;
    private List<String> placementTags;
    private int maxPids;
    private CertificateProperties certificateProperties;
    private String imageUsername;
    private String imagePassword;
    private CheckDefinition checkDefinition;
    private List<ImageLayer> imageLayers;
    private Map<String, MetricTagValue> metricTags;
    private List<Sidecar> sidecars;
    private LogRateLimit logRateLimit;
    private List<File> volumeMountedFiles;
    private UpdateStrategy updateStrategy;

    DesiredLrpBuilder() {
    }

    DesiredLrpBuilder(DesiredLrp lrp) {
        processGuid = lrp.processGuid();
        domain = lrp.domain();
        rootfs = lrp.rootfs();
        instances = lrp.instances();
        env = lrp.env();
        setup = lrp.setup();
        action = lrp.action();
        startTimeoutMs = lrp.startTimeoutMs();
        monitor = lrp.monitor();
        diskMb = lrp.diskMb();
        memoryMb = lrp.memoryMb();
        cpuWeight = lrp.cpuWeight();
        privileged = lrp.privileged();
        ports = lrp.ports();
        routes = lrp.routes();
        logSource = lrp.logSource();
        logGuid = lrp.logGuid();
        metricsGuid = lrp.metricsGuid();
        annotation = lrp.annotation();
        egressRules = lrp.egressRules();
        modificationTag = lrp.modificationTag();
        cachedDependencies = lrp.cachedDependencies();
        legacyDownloadUser = lrp.legacyDownloadUser();
        trustedSystemCertificatesPath = lrp.trustedSystemCertificatesPath();
        volumeMounts = lrp.volumeMounts();
        network = lrp.network();
        placementTags = lrp.placementTags();
        maxPids = lrp.maxPids();
        certificateProperties = lrp.certificateProperties();
        imageUsername = lrp.imageUsername();
        imagePassword = lrp.imagePassword();
        checkDefinition = lrp.checkDefinition();
        imageLayers = lrp.imageLayers();
        metricTags = lrp.metricTags();
        sidecars = lrp.sidecars();
        logRateLimit = lrp.logRateLimit();
        volumeMountedFiles = lrp.volumeMountedFiles();
        updateStrategy = lrp.updateStrategy();
    }

    public DesiredLrpBuilder processGuid(String value) {
        processGuid = value;
        return this;
    }

    public DesiredLrpBuilder domain(String value) {
        domain = value;
        return this;
    }

    public DesiredLrpBuilder rootfs(String value) {
        rootfs = value;
        return this;
    }

    public DesiredLrpBuilder instances(int value) {
        instances = value;
        return this;
    }

    public DesiredLrpBuilder env(List<EnvironmentVariable> value) {
        env = value;
        return this;
    }

    public DesiredLrpBuilder setup(Action value) {
        setup = value;
        return this;
    }

    public DesiredLrpBuilder action(Action value) {
        action = value;
        return this;
    }

    public DesiredLrpBuilder startTimeoutMs(long value) {
        startTimeoutMs = value;
        return this;
    }

    public DesiredLrpBuilder monitor(Action value) {
        monitor = value;
        return this;
    }

    public DesiredLrpBuilder diskMb(int value) {
        diskMb = value;
        return this;
    }

    public DesiredLrpBuilder memoryMb(int value) {
        memoryMb = value;
        return this;
    }

    public DesiredLrpBuilder cpuWeight(int value) {
        cpuWeight = value;
        return this;
    }

    public DesiredLrpBuilder privileged(boolean value) {
        privileged = value;
        return this;
    }

    public DesiredLrpBuilder ports(List<Integer> value) {
        ports = value;
        return this;
    }

    public DesiredLrpBuilder routes(Routes value) {
        routes = value;
        return this;
    }

    public DesiredLrpBuilder logSource(String value) {
        logSource = value;
        return this;
    }

    public DesiredLrpBuilder logGuid(String value) {
        logGuid = value;
        return this;
    }

    public DesiredLrpBuilder metricsGuid(String value) {
        metricsGuid = value;
        return this;
    }

    public DesiredLrpBuilder annotation(String value) {
        annotation = value;
        return this;
    }

    public DesiredLrpBuilder egressRules(List<SecurityGroupRule> value) {
        egressRules = value;
        return this;
    }

    public DesiredLrpBuilder modificationTag(ModificationTag value) {
        modificationTag = value;
        return this;
    }

    public DesiredLrpBuilder cachedDependencies(List<CachedDependency> value) {
        cachedDependencies = value;
        return this;
    }

    public DesiredLrpBuilder legacyDownloadUser(String value) {
        legacyDownloadUser = value;
        return this;
    }

    public DesiredLrpBuilder trustedSystemCertificatesPath(String value) {
        trustedSystemCertificatesPath = value;
        return this;
    }

    public DesiredLrpBuilder volumeMounts(List<VolumeMount> value) {
        volumeMounts = value;
        return this;
    }

    public DesiredLrpBuilder network(Network value) {
        network = value;
        return this;
    }

    public DesiredLrpBuilder placementTags(List<String> value) {
        placementTags = value;
        return this;
    }

    public DesiredLrpBuilder maxPids(int value) {
        maxPids = value;
        return this;
    }

    public DesiredLrpBuilder certificateProperties(CertificateProperties value) {
        certificateProperties = value;
        return this;
    }

    public DesiredLrpBuilder imageUsername(String value) {
        imageUsername = value;
        return this;
    }

    public DesiredLrpBuilder imagePassword(String value) {
        imagePassword = value;
        return this;
    }

    public DesiredLrpBuilder checkDefinition(CheckDefinition value) {
        checkDefinition = value;
        return this;
    }

    public DesiredLrpBuilder imageLayers(List<ImageLayer> value) {
        imageLayers = value;
        return this;
    }

    public DesiredLrpBuilder metricTags(Map<String, MetricTagValue> value) {
        metricTags = value;
        return this;
    }

    public DesiredLrpBuilder sidecars(List<Sidecar> value) {
        sidecars = value;
        return this;
    }

    public DesiredLrpBuilder logRateLimit(LogRateLimit value) {
        logRateLimit = value;
        return this;
    }

    public DesiredLrpBuilder volumeMountedFiles(List<File> value) {
        volumeMountedFiles = value;
        return this;
    }

    public DesiredLrpBuilder updateStrategy(UpdateStrategy value) {
        updateStrategy = value;
        return this;
    }

    public DesiredLrp build() {
        return new DesiredLrp(processGuid, domain, rootfs, instances, env, setup, action, startTimeoutMs, monitor,
                diskMb, memoryMb, cpuWeight, privileged, ports, routes, logSource, logGuid, metricsGuid,
                annotation, egressRules, modificationTag, cachedDependencies, legacyDownloadUser,
                trustedSystemCertificatesPath, volumeMounts, network, placementTags, maxPids,
                certificateProperties, imageUsername, imagePassword, checkDefinition, imageLayers, metricTags,
                sidecars, logRateLimit, volumeMountedFiles, updateStrategy);
    }
}
