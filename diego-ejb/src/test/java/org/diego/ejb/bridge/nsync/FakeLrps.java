package org.diego.ejb.bridge.nsync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.DesiredLrpSchedulingInfo;
import org.diego.core.model.DesiredLrpUpdate;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;

/** An in-memory BBS for nsync's logic: desired LRPs by guid, a call log, and injectable failures. */
class FakeLrps implements LrpStore {
    final Map<String, DesiredLrp> lrps = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    final Map<String, Long> domains = new LinkedHashMap<>();
    /** Guids whose next desire fails as if a concurrent desire had just created them. */
    final List<String> raceOnDesire = new ArrayList<>();
    final List<String> failRemove = new ArrayList<>();

    @Override
    public DesiredLrp find(String processGuid) {
        return lrps.get(processGuid);
    }

    @Override
    public void desire(DesiredLrp lrp) {
        calls.add("desire " + lrp.processGuid());
        if (raceOnDesire.remove(lrp.processGuid())) {
            lrps.put(lrp.processGuid(), lrp.toBuilder().annotation("raced").build());
            throw new DiegoException(ErrorType.ResourceExists, "exists");
        }
        if (lrps.containsKey(lrp.processGuid())) {
            throw new DiegoException(ErrorType.ResourceExists, "exists");
        }
        lrps.put(lrp.processGuid(), lrp);
    }

    @Override
    public void update(String processGuid, DesiredLrpUpdate update) {
        calls.add("update " + processGuid);
        DesiredLrp lrp = lrps.get(processGuid);
        if (lrp == null) {
            throw DiegoException.notFound(processGuid);
        }
        lrps.put(processGuid, lrp.apply(update));
    }

    @Override
    public void remove(String processGuid) {
        calls.add("remove " + processGuid);
        if (failRemove.contains(processGuid)) {
            throw new DiegoException(ErrorType.UnknownError, "database down");
        }
        if (lrps.remove(processGuid) == null) {
            throw DiegoException.notFound(processGuid);
        }
    }

    @Override
    public List<DesiredLrpSchedulingInfo> appSchedulingInfos() {
        return lrps.values().stream().filter(l -> "cf-apps".equals(l.domain())).map(DesiredLrp::schedulingInfo).toList();
    }

    @Override
    public void upsertDomain(String domain, long ttlSeconds) {
        calls.add("domain " + domain + " " + ttlSeconds);
        domains.put(domain, ttlSeconds);
    }
}
