package org.diego.ejb.bridge.nsync;

import java.util.List;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.DesiredLrpSchedulingInfo;
import org.diego.core.model.DesiredLrpUpdate;

/** The BBS operations nsync needs, as an interface so the create-or-update and bulk logic test with fakes. */
public interface LrpStore {
    /** The LRP, or null. */
    DesiredLrp find(String processGuid);

    void desire(DesiredLrp lrp);

    void update(String processGuid, DesiredLrpUpdate update);

    void remove(String processGuid);

    /** The scheduling infos of the {@code cf-apps} domain. */
    List<DesiredLrpSchedulingInfo> appSchedulingInfos();

    void upsertDomain(String domain, long ttlSeconds);
}
