package org.diego.ejb.bridge.tps;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diego.core.bridge.cc.LrpInstance;
import org.diego.core.bridge.tps.LrpInstances;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.DiegoException;
import org.diego.core.model.Validation;
import org.diego.core.time.Nanos;
import org.diego.ejb.bbs.ActualLrps;
import org.diego.ejb.bbs.DesiredLrps;

/** The TPS listener's reads (Diego's tps lrpstatus, lrpstats and bulklrpstatus handlers). */
@Stateless
public class Tps {
    @Inject
    ActualLrps actuals;
    @Inject
    DesiredLrps desired;
    @Inject
    HazelcastInstance hazelcast;
    @Inject
    Clock clock;

    /** The instances of an app; none (not an error) for an unknown guid, as in Diego. */
    public List<LrpInstance> status(String processGuid) {
        Validation.guid("guid", processGuid);
        return LrpInstances.status(actuals.byProcess(processGuid), Nanos.now(clock));
    }

    /** With host, port and stats; not found when the app is not desired, as in Diego. */
    public List<LrpInstance> stats(String processGuid) {
        Validation.guid("guid", processGuid);
        if (desired.find(processGuid) == null) {
            throw DiegoException.notFound("desired LRP " + processGuid);
        }
        List<ActualLrp> rows = actuals.byProcess(processGuid);
        IMap<String, String> metrics = hazelcast.getMap(ContainerMetrics.MAP);
        return LrpInstances.stats(rows, ContainerMetrics.byIndex(LrpInstances.resolve(rows), metrics::get,
                clock.instant()), Nanos.now(clock));
    }

    /** Status of several apps at once, keyed by guid in the order asked. */
    public Map<String, List<LrpInstance>> bulkStatus(List<String> processGuids) {
        Map<String, List<LrpInstance>> out = new LinkedHashMap<>();
        for (String guid : processGuids) {
            out.put(guid, status(guid));
        }
        return out;
    }
}
