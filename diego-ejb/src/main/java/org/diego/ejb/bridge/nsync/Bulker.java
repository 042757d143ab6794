package org.diego.ejb.bridge.nsync;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import org.diego.core.bridge.cc.DesireAppRequestFromCC;
import org.diego.core.bridge.cc.FingerprintsResponse;
import org.diego.core.bridge.nsync.AppRecipeBuilder;
import org.diego.ejb.bbs.DesiredLrps;
import org.diego.ejb.bbs.Domains;
import org.diego.ejb.bridge.cc.CloudControllerClient;
import org.diego.ejb.cluster.Fence;
import org.diego.ejb.cluster.RoleTimer;
import org.diego.ejb.config.DiegoConfig;

/**
 * The nsync bulker: every {@code diego.nsync.bulk-interval-seconds} (30 s) the instance holding role
 * {@code nsync-bulker} (Diego's bulker lock) runs one {@link BulkPass} against Cloud Controller. Idle
 * while {@code diego.cc.base-url} is unset.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Bulker extends RoleTimer {
    private static final Logger LOG = Logger.getLogger(Bulker.class.getName());
    public static final String ROLE = "nsync-bulker";

    @Inject
    NsyncConfig config;
    @Inject
    DiegoConfig diego;
    @Inject
    CloudControllerClient cc;
    @Inject
    DesiredLrps desired;
    @Inject
    Domains domains;

    private volatile BulkReport last;

    @Override
    protected String role() {
        return ROLE;
    }

    @Override
    protected Duration interval() {
        return config.bulkInterval();
    }

    /** Two intervals and the lock TTL: a long pass keeps the role. */
    @Override
    protected Duration lease() {
        return config.bulkInterval().multipliedBy(2).plus(diego.lockTtl());
    }

    @Override
    protected void act(Fence fence) {
        if (!cc.configured()) {
            LOG.finest("diego.cc.base-url is not set; the nsync bulker is idle");
            return;
        }
        CcBulkApi api = new CcBulkApi() {
            @Override
            public FingerprintsResponse fingerprints(int batchSize, JsonNode token) {
                return cc.fingerprints(batchSize, token);
            }

            @Override
            public List<DesireAppRequestFromCC> desiredApps(List<String> processGuids) {
                return cc.desiredApps(processGuids);
            }
        };
        last = new BulkPass(api, new BbsLrps(desired, domains), new AppRecipeBuilder(config.recipeSettings()),
                config.bulkBatchSize(), config.domainTtlSeconds()).run();
    }

    /** The last pass this instance ran, for operators (null before the first). */
    public BulkReport last() {
        return last;
    }
}
