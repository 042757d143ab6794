package org.diego.ejb.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.diego.core.json.Json;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.DesiredLrpKey;
import org.diego.core.model.DesiredLrpResource;
import org.diego.core.model.DesiredLrpRunInfo;
import org.diego.core.model.DesiredLrpSchedulingInfo;
import org.diego.core.model.MetricTagValue;
import org.diego.core.model.ModificationTag;
import org.diego.core.model.Routes;
import org.diego.core.model.UpdateStrategy;
import org.diego.core.model.VolumePlacement;

/**
 * One row of {@code desired_lrps}, laid out as Diego's: the scheduling info in columns, the run info
 * as a JSON blob, routes, volume placement, placement tags and metric tags as JSON columns.
 */
@Entity
@Table(name = "desired_lrps")
public class DesiredLrpEntity {
    /** The scheduling-info columns in the order {@link #schedulingInfo(Object[])} reads them. */
    public static final String SCHEDULING_COLUMNS = "d.processGuid, d.domain, d.logGuid, d.annotation, d.instances,"
            + " d.memoryMb, d.diskMb, d.maxPids, d.rootfs, d.routes, d.volumePlacement, d.modificationTagEpoch,"
            + " d.modificationTagIndex, d.placementTags";
    /** The routing-info columns in the order {@link #routingInfo(Object[])} reads them. */
    public static final String ROUTING_COLUMNS = "d.processGuid, d.domain, d.logGuid, d.instances, d.routes,"
            + " d.modificationTagEpoch, d.modificationTagIndex, d.metricTags";

    @Id @Column(name = "process_guid") private String processGuid;
    @Column(name = "domain") private String domain;
    @Column(name = "log_guid") private String logGuid;
    @Column(name = "annotation") private String annotation;
    @Column(name = "instances") private int instances;
    @Column(name = "memory_mb") private int memoryMb;
    @Column(name = "disk_mb") private int diskMb;
    @Column(name = "max_pids") private int maxPids;
    @Column(name = "rootfs") private String rootfs;
    @Column(name = "routes") private String routes;
    @Column(name = "volume_placement") private String volumePlacement;
    @Column(name = "modification_tag_epoch") private String modificationTagEpoch;
    @Column(name = "modification_tag_index") private int modificationTagIndex;
    @Column(name = "placement_tags") private String placementTags;
    @Column(name = "run_info") private String runInfo;
    @Column(name = "metric_tags") private String metricTags;
    @Column(name = "update_strategy") private int updateStrategy;

    protected DesiredLrpEntity() {
    }

    /** The row of a newly desired LRP; {@code createdAtNanos} goes into the run info as Diego's created_at. */
    public static DesiredLrpEntity of(DesiredLrp lrp, long createdAtNanos) {
        DesiredLrpEntity e = new DesiredLrpEntity();
        e.processGuid = lrp.processGuid();
        e.domain = lrp.domain();
        e.memoryMb = lrp.memoryMb();
        e.diskMb = lrp.diskMb();
        e.maxPids = lrp.maxPids();
        e.rootfs = lrp.rootfs();
        e.volumePlacement = Json.write(lrp.schedulingInfo().volumePlacement());
        e.placementTags = Json.write(lrp.placementTags());
        e.updateStrategy = lrp.updateStrategy().code();
        e.update(lrp);
        e.runInfo = Json.write(lrp.runInfo(createdAtNanos));
        return e;
    }

    /**
     * Writes what an update may change: instances, routes, annotation, metric tags, modification tag,
     * and the run info only when the image credentials changed.
     */
    public void update(DesiredLrp lrp) {
        logGuid = nonNull(lrp.logGuid());
        annotation = nonNull(lrp.annotation());
        instances = lrp.instances();
        routes = Json.write(lrp.routes());
        metricTags = Json.write(new MetricTagsColumn(lrp.metricTags()));
        modificationTagEpoch = lrp.modificationTag().epoch();
        modificationTagIndex = lrp.modificationTag().index();
        if (runInfo != null) {
            DesiredLrpRunInfo stored = storedRunInfo();
            if (!Objects.equals(stored.imageUsername(), lrp.imageUsername())
                    || !Objects.equals(stored.imagePassword(), lrp.imagePassword())) {
                runInfo = Json.write(lrp.runInfo(stored.createdAt()));
            }
        }
    }

    public String processGuid() {
        return processGuid;
    }

    /** The whole DesiredLRP, joined from the scheduling columns and the run info blob. */
    public DesiredLrp toModel() {
        return DesiredLrp.of(schedulingInfo(), storedRunInfo(), MetricTagsColumn.read(metricTags),
                UpdateStrategy.of(updateStrategy));
    }

    public DesiredLrpSchedulingInfo schedulingInfo() {
        return schedulingInfo(new Object[] {processGuid, domain, logGuid, annotation, instances, memoryMb, diskMb,
                maxPids, rootfs, routes, volumePlacement, modificationTagEpoch, modificationTagIndex, placementTags});
    }

    /** Reads a row selected with {@link #SCHEDULING_COLUMNS}. */
    public static DesiredLrpSchedulingInfo schedulingInfo(Object[] row) {
        return new DesiredLrpSchedulingInfo(
                new DesiredLrpKey((String) row[0], (String) row[1], (String) row[2]),
                (String) row[3], (Integer) row[4],
                new DesiredLrpResource((Integer) row[5], (Integer) row[6], (String) row[8], (Integer) row[7]),
                readRoutes((String) row[9]),
                new ModificationTag((String) row[11], (Integer) row[12]),
                row[10] == null ? null : Json.read((String) row[10], VolumePlacement.class),
                readPlacementTags((String) row[13]));
    }

    /** Reads a row selected with {@link #ROUTING_COLUMNS}: a DesiredLRP holding only its routing fields. */
    public static DesiredLrp routingInfo(Object[] row) {
        return DesiredLrp.builder()
                .processGuid((String) row[0]).domain((String) row[1]).logGuid((String) row[2])
                .instances((Integer) row[3]).routes(readRoutes((String) row[4]))
                .modificationTag(new ModificationTag((String) row[5], (Integer) row[6]))
                .metricTags(MetricTagsColumn.read((String) row[7]))
                .build();
    }

    /** The metric-tag column as a map (empty when the LRP has none). */
    public static Map<String, MetricTagValue> readMetricTags(String json) {
        return MetricTagsColumn.read(json);
    }

    private DesiredLrpRunInfo storedRunInfo() {
        return Json.read(runInfo, DesiredLrpRunInfo.class);
    }

    private static Routes readRoutes(String json) {
        return json == null || json.isEmpty() ? Routes.EMPTY : Json.read(json, Routes.class);
    }

    private static List<String> readPlacementTags(String json) {
        return json == null || json.isEmpty() ? List.of() : Arrays.asList(Json.read(json, String[].class));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
