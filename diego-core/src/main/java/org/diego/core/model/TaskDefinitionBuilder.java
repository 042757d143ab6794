package org.diego.core.model;

import java.util.List;
import java.util.Map;

/** Builds a {@link TaskDefinition} field by field, so that call sites name what they set. */
public final class TaskDefinitionBuilder {
    private String rootfs;
    private List<EnvironmentVariable> env;
    private Action action;
    private int diskMb;
    private int memoryMb;
    private int cpuWeight;
    private boolean privileged;
    private String logSource;
    private String logGuid;
    private String metricsGuid;
    private String resultFile;
    private String completionCallbackUrl;
    private String annotation;
    private List<SecurityGroupRule> egressRules;
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
    private List<ImageLayer> imageLayers;
    private LogRateLimit logRateLimit;
    private Map<String, MetricTagValue> metricTags;
    private List<File> volumeMountedFiles;

    TaskDefinitionBuilder() {
    }

    TaskDefinitionBuilder(TaskDefinition d) {
        rootfs = d.rootfs();
        env = d.env();
        action = d.action();
        diskMb = d.diskMb();
        memoryMb = d.memoryMb();
        cpuWeight = d.cpuWeight();
        privileged = d.privileged();
        logSource = d.logSource();
        logGuid = d.logGuid();
        metricsGuid = d.metricsGuid();
        resultFile = d.resultFile();
        completionCallbackUrl = d.completionCallbackUrl();
        annotation = d.annotation();
        egressRules = d.egressRules();
        cachedDependencies = d.cachedDependencies();
        legacyDownloadUser = d.legacyDownloadUser();
        trustedSystemCertificatesPath = d.trustedSystemCertificatesPath();
        volumeMounts = d.volumeMounts();
        network = d.network();
        placementTags = d.placementTags();
        maxPids = d.maxPids();
        certificateProperties = d.certificateProperties();
        imageUsername = d.imageUsername();
        imagePassword = d.imagePassword();
        imageLayers = d.imageLayers();
        logRateLimit = d.logRateLimit();
        metricTags = d.metricTags();
        volumeMountedFiles = d.volumeMountedFiles();
    }

    public TaskDefinitionBuilder rootfs(String value) {
        rootfs = value;
        return this;
    }

    public TaskDefinitionBuilder env(List<EnvironmentVariable> value) {
        env = value;
        return this;
    }

    public TaskDefinitionBuilder action(Action value) {
        action = value;
        return this;
    }

    public TaskDefinitionBuilder diskMb(int value) {
        diskMb = value;
        return this;
    }

    public TaskDefinitionBuilder memoryMb(int value) {
        memoryMb = value;
        return this;
    }

    public TaskDefinitionBuilder cpuWeight(int value) {
        cpuWeight = value;
        return this;
    }

    public TaskDefinitionBuilder privileged(boolean value) {
        privileged = value;
        return this;
    }

    public TaskDefinitionBuilder logSource(String value) {
        logSource = value;
        return this;
    }

    public TaskDefinitionBuilder logGuid(String value) {
        logGuid = value;
        return this;
    }

    public TaskDefinitionBuilder metricsGuid(String value) {
        metricsGuid = value;
        return this;
    }

    public TaskDefinitionBuilder resultFile(String value) {
        resultFile = value;
        return this;
    }

    public TaskDefinitionBuilder completionCallbackUrl(String value) {
        completionCallbackUrl = value;
        return this;
    }

    public TaskDefinitionBuilder annotation(String value) {
        annotation = value;
        return this;
    }

    public TaskDefinitionBuilder egressRules(List<SecurityGroupRule> value) {
        egressRules = value;
        return this;
    }

    public TaskDefinitionBuilder cachedDependencies(List<CachedDependency> value) {
        cachedDependencies = value;
        return this;
    }

    public TaskDefinitionBuilder legacyDownloadUser(String value) {
        legacyDownloadUser = value;
        return this;
    }

    public TaskDefinitionBuilder trustedSystemCertificatesPath(String value) {
        trustedSystemCertificatesPath = value;
        return this;
    }

    public TaskDefinitionBuilder volumeMounts(List<VolumeMount> value) {
        volumeMounts = value;
        return this;
    }

    public TaskDefinitionBuilder network(Network value) {
        network = value;
        return this;
    }

    public TaskDefinitionBuilder placementTags(List<String> value) {
        placementTags = value;
        return this;
    }

    public TaskDefinitionBuilder maxPids(int value) {
        maxPids = value;
        return this;
    }

    public TaskDefinitionBuilder certificateProperties(CertificateProperties value) {
        certificateProperties = value;
        return this;
    }

    public TaskDefinitionBuilder imageUsername(String value) {
        imageUsername = value;
        return this;
    }

    public TaskDefinitionBuilder imagePassword(String value) {
        imagePassword = value;
        return this;
    }

    public TaskDefinitionBuilder imageLayers(List<ImageLayer> value) {
        imageLayers = value;
        return this;
    }

    public TaskDefinitionBuilder logRateLimit(LogRateLimit value) {
        logRateLimit = value;
        return this;
    }

    public TaskDefinitionBuilder metricTags(Map<String, MetricTagValue> value) {
        metricTags = value;
        return this;
    }

    public TaskDefinitionBuilder volumeMountedFiles(List<File> value) {
        volumeMountedFiles = value;
        return this;
    }

    public TaskDefinition build() {
        return new TaskDefinition(rootfs, env, action, diskMb, memoryMb, cpuWeight, privileged, logSource, logGuid,
                metricsGuid, resultFile, completionCallbackUrl, annotation, egressRules, cachedDependencies,
                legacyDownloadUser, trustedSystemCertificatesPath, volumeMounts, network, placementTags, maxPids,
                certificateProperties, imageUsername, imagePassword, imageLayers, logRateLimit, metricTags,
                volumeMountedFiles);
    }
}
