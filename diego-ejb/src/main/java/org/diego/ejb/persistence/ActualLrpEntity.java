package org.diego.ejb.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.diego.core.json.Json;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpInternalRoute;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.ModificationTag;
import org.diego.core.model.NetInfo;
import org.diego.core.model.Presence;

/** One row of {@code actual_lrps}. */
@Entity
@Table(name = "actual_lrps")
@IdClass(ActualLrpId.class)
@NamedQuery(name = "ActualLrp.all", query = "SELECT a FROM ActualLrpEntity a ORDER BY a.processGuid, a.instanceIndex")
@NamedQuery(name = "ActualLrp.byProcess",
        query = "SELECT a FROM ActualLrpEntity a WHERE a.processGuid = :guid ORDER BY a.instanceIndex")
@NamedQuery(name = "ActualLrp.byCell", query = "SELECT a FROM ActualLrpEntity a WHERE a.cellId = :cellId")
@NamedQuery(name = "ActualLrp.byIndex", query = "SELECT a FROM ActualLrpEntity a WHERE a.processGuid = :guid"
        + " AND a.instanceIndex = :index ORDER BY a.presence")
@NamedQuery(name = "ActualLrp.byProcesses",
        query = "SELECT a FROM ActualLrpEntity a WHERE a.processGuid IN :guids ORDER BY a.processGuid, a.instanceIndex")
public class ActualLrpEntity {
    @Id @Column(name = "process_guid") private String processGuid;
    @Id @Column(name = "instance_index") private int instanceIndex;
    @Id @Column(name = "presence") private int presence;
    @Column(name = "domain") private String domain;
    @Column(name = "state") private String state;
    @Column(name = "instance_guid") private String instanceGuid;
    @Column(name = "cell_id") private String cellId;
    @Column(name = "net_info") private String netInfo;
    @Column(name = "crash_count") private int crashCount;
    @Column(name = "crash_reason") private String crashReason;
    @Column(name = "placement_error") private String placementError;
    @Column(name = "since") private long since;
    @Column(name = "modification_tag_epoch") private String modificationTagEpoch;
    @Column(name = "modification_tag_index") private int modificationTagIndex;
    @Column(name = "internal_routes") private String internalRoutes;
    @Column(name = "metric_tags") private String metricTags;
    @Column(name = "routable") private boolean routable;
    @Column(name = "availability_zone") private String availabilityZone;

    protected ActualLrpEntity() {
    }

    public static ActualLrpEntity of(ActualLrp lrp) {
        ActualLrpEntity e = new ActualLrpEntity();
        e.processGuid = lrp.processGuid();
        e.instanceIndex = lrp.index();
        e.presence = lrp.presence().ordinal();
        e.update(lrp);
        return e;
    }

    public static ActualLrpId id(String processGuid, int index, Presence presence) {
        return new ActualLrpId(processGuid, index, presence.ordinal());
    }

    /** Copies a record's mutable state into this row (the key never changes). */
    public void update(ActualLrp lrp) {
        domain = lrp.domain();
        state = lrp.state().name();
        instanceGuid = lrp.instanceGuid();
        cellId = lrp.cellId();
        netInfo = Json.write(lrp.netInfo());
        crashCount = lrp.crashCount();
        crashReason = truncate(lrp.crashReason());
        placementError = truncate(lrp.placementError());
        since = lrp.since();
        modificationTagEpoch = lrp.modificationTag().epoch();
        modificationTagIndex = lrp.modificationTag().index();
        internalRoutes = Json.write(lrp.actualLrpInternalRoutes());
        metricTags = Json.write(lrp.metricTags());
        routable = Boolean.TRUE.equals(lrp.routable());
        availabilityZone = lrp.availabilityZone();
    }

    /** The row as a record; like Diego's reads, routable is always set (false unless a start said otherwise). */
    public ActualLrp toModel() {
        NetInfo net = Json.read(netInfo, NetInfo.class);
        return new ActualLrp(processGuid, instanceIndex, domain, instanceGuid, cellId, net.address(), net.ports(),
                net.instanceAddress(), net.preferredAddress(), net.instanceIpv6Address(), crashCount, crashReason,
                ActualLrpState.valueOf(state), placementError, since,
                new ModificationTag(modificationTagEpoch, modificationTagIndex), Presence.values()[presence],
                internalRoutes == null ? List.of() : Arrays.asList(Json.read(internalRoutes, ActualLrpInternalRoute[].class)),
                metricTags == null ? Map.of() : stringMap(Json.read(metricTags, Map.class)), routable,
                availabilityZone);
    }

    /** Tags are written from a map of strings, so they read back as one. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> stringMap(Map<?, ?> tags) {
        return (Map<String, String>) tags;
    }

    private static String truncate(String s) {
        return s != null && s.length() > 1024 ? s.substring(0, 1024) : s;
    }
}
