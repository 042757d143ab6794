package org.diego.ejb.bridge.nsync;

import java.util.List;
import org.diego.core.api.DesiredLRPsRequest;
import org.diego.core.bridge.nsync.Recipes;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.DesiredLrpSchedulingInfo;
import org.diego.core.model.DesiredLrpUpdate;
import org.diego.ejb.bbs.DesiredLrps;
import org.diego.ejb.bbs.Domains;

/** {@link LrpStore} on the BBS beans; each call is the bean's own transaction. */
final class BbsLrps implements LrpStore {
    private final DesiredLrps desired;
    private final Domains domains;

    BbsLrps(DesiredLrps desired) {
        this(desired, null);
    }

    BbsLrps(DesiredLrps desired, Domains domains) {
        this.desired = desired;
        this.domains = domains;
    }

    @Override
    public DesiredLrp find(String processGuid) {
        return desired.find(processGuid);
    }

    @Override
    public void desire(DesiredLrp lrp) {
        desired.desire(lrp);
    }

    @Override
    public void update(String processGuid, DesiredLrpUpdate update) {
        desired.update(processGuid, update);
    }

    @Override
    public void remove(String processGuid) {
        desired.remove(processGuid);
    }

    @Override
    public List<DesiredLrpSchedulingInfo> appSchedulingInfos() {
        return desired.schedulingInfos(new DesiredLRPsRequest(Recipes.APP_DOMAIN, null, null));
    }

    @Override
    public void upsertDomain(String domain, long ttlSeconds) {
        domains.upsert(domain, ttlSeconds);
    }
}
