package org.diego.ejb.bridge.nsync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.diego.core.bridge.nsync.RecipeSettings;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Nsync's tunables (Diego's nsync config): the bulker's polling interval ({@code cc_polling_interval},
 * 30 s), CC's page size (500), the TTL of the {@code cf-apps} domain it upserts (2 min), privileged app
 * containers (false), the file server the recipes download lifecycles from and where they unpack them
 * ({@code /tmp/lifecycle}; a relative dir such as {@code lifecycle} lets process-backend cells run apps).
 */
@ApplicationScoped
public class NsyncConfig {
    @Inject @ConfigProperty(name = "diego.nsync.bulk-interval-seconds", defaultValue = "30")
    long bulkIntervalSeconds;
    @Inject @ConfigProperty(name = "diego.nsync.bulk-batch-size", defaultValue = "500")
    int bulkBatchSize;
    @Inject @ConfigProperty(name = "diego.nsync.domain-ttl-seconds", defaultValue = "120")
    long domainTtlSeconds;
    @Inject @ConfigProperty(name = "diego.nsync.privileged-containers", defaultValue = "false")
    boolean privilegedContainers;
    @Inject @ConfigProperty(name = "diego.file-server.url", defaultValue = RecipeSettings.DEFAULT_FILE_SERVER_URL)
    String fileServerUrl;
    @Inject @ConfigProperty(name = "diego.nsync.lifecycle-dir", defaultValue = RecipeSettings.DEFAULT_LIFECYCLE_DIR)
    String lifecycleDir;

    public Duration bulkInterval() {
        return Duration.ofSeconds(Math.max(1, bulkIntervalSeconds));
    }

    public int bulkBatchSize() {
        return Math.max(1, bulkBatchSize);
    }

    public long domainTtlSeconds() {
        return domainTtlSeconds;
    }

    public RecipeSettings recipeSettings() {
        return new RecipeSettings(fileServerUrl, privilegedContainers, lifecycleDir);
    }
}
