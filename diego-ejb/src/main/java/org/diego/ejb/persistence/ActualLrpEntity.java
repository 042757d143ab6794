package org.diego.ejb.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.sql.ResultSet;
import java.sql.SQLException;
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
        return toModel(columns());
    }

    /**
     * The attributes {@link #toModel(Object[])} reads, in its order, for projection queries
     * ({@code SELECT <COLUMNS> FROM ActualLrpEntity a}) that read rows without managing entities.
     */
    public static final String COLUMNS = "a.processGuid, a.instanceIndex, a.presence, a.domain, a.state, a.instanceGuid,"
            + " a.cellId, a.netInfo, a.crashCount, a.crashReason, a.placementError, a.since, a.modificationTagEpoch,"
            + " a.modificationTagIndex, a.internalRoutes, a.metricTags, a.routable, a.availabilityZone";

    /** {@link #COLUMNS} as SQL, for listings read with plain JDBC ({@link #columns(ResultSet)}). */
    public static final String SQL_COLUMNS = "process_guid, instance_index, presence, domain, state, instance_guid,"
            + " cell_id, net_info, crash_count, crash_reason, placement_error, since, modification_tag_epoch,"
            + " modification_tag_index, internal_routes, metric_tags, routable, availability_zone";

    /** The current row of a {@code SELECT <SQL_COLUMNS>} in {@link #COLUMNS} order, typed as the attributes are. */
    public static Object[] columns(ResultSet rs) throws SQLException {
        return new Object[] {rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9), rs.getString(10), rs.getString(11),
                rs.getLong(12), rs.getString(13), rs.getInt(14), rs.getString(15), rs.getString(16),
                rs.getBoolean(17), rs.getString(18)};
    }

    /** This row's values in {@link #COLUMNS} order. */
    Object[] columns() {
        return new Object[] {processGuid, instanceIndex, presence, domain, state, instanceGuid, cellId, netInfo,
                crashCount, crashReason, placementError, since, modificationTagEpoch, modificationTagIndex,
                internalRoutes, metricTags, routable, availabilityZone};
    }

    /** The record of one projected row ({@link #COLUMNS}); the same mapping as {@link #toModel()}. */
    public static ActualLrp toModel(Object[] c) {
        NetInfo net = Json.read((String) c[7], NetInfo.class);
        String routes = (String) c[14];
        String tags = (String) c[15];
        return new ActualLrp((String) c[0], integer(c[1]), (String) c[3], (String) c[5], (String) c[6], net.address(),
                net.ports(), net.instanceAddress(), net.preferredAddress(), net.instanceIpv6Address(), integer(c[8]),
                (String) c[9], ActualLrpState.valueOf((String) c[4]), (String) c[10], ((Number) c[11]).longValue(),
                new ModificationTag((String) c[12], integer(c[13])), Presence.values()[integer(c[2])],
                // Most rows hold no routes or tags: skip the parser for the empty documents.
                routes == null || "[]".equals(routes) ? List.of()
                        : Arrays.asList(Json.read(routes, ActualLrpInternalRoute[].class)),
                tags == null || "{}".equals(tags) ? Map.of() : stringMap(Json.read(tags, Map.class)),
                c[16] instanceof Number n ? n.intValue() != 0 : Boolean.TRUE.equals(c[16]), (String) c[17]);
    }

    /** The provider hands back the attribute's type; a driver's wider number is accepted too. */
    private static int integer(Object v) {
        return ((Number) v).intValue();
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
