package org.diego.ejb.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.List;
import org.diego.core.json.Json;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.ModificationTag;

/**
 * One row of {@code desired_lrps}: the scheduling info in columns (what convergence and the
 * auctioneer read) and the whole DesiredLRP as JSON (the run info a cell needs).
 */
@Entity
@Table(name = "desired_lrps")
@NamedQuery(name = "DesiredLrp.all", query = "SELECT d FROM DesiredLrpEntity d ORDER BY d.processGuid")
@NamedQuery(name = "DesiredLrp.byDomain", query = "SELECT d FROM DesiredLrpEntity d WHERE d.domain = :domain ORDER BY d.processGuid")
public class DesiredLrpEntity {
    @Id @Column(name = "process_guid") private String processGuid;
    @Column(name = "domain") private String domain;
    @Column(name = "instances") private int instances;
    @Column(name = "memory_mb") private int memoryMb;
    @Column(name = "disk_mb") private int diskMb;
    @Column(name = "rootfs") private String rootfs;
    @Column(name = "placement_tags") private String placementTags;
    @Column(name = "run_info") private String runInfo;
    @Column(name = "modification_tag_epoch") private String modificationTagEpoch;
    @Column(name = "modification_tag_index") private int modificationTagIndex;

    protected DesiredLrpEntity() {
    }

    public static DesiredLrpEntity of(DesiredLrp lrp) {
        DesiredLrpEntity e = new DesiredLrpEntity();
        e.processGuid = lrp.processGuid();
        e.domain = lrp.domain();
        e.instances = lrp.instances();
        e.memoryMb = lrp.memoryMb();
        e.diskMb = lrp.diskMb();
        e.rootfs = lrp.rootfs();
        e.placementTags = Json.write(lrp.placementTags());
        e.runInfo = Json.write(lrp.withModificationTag(null));
        e.modificationTagEpoch = lrp.modificationTag().epoch();
        e.modificationTagIndex = lrp.modificationTag().index();
        return e;
    }

    public String processGuid() {
        return processGuid;
    }

    public DesiredLrp toModel() {
        return Json.read(runInfo, DesiredLrp.class)
                .withModificationTag(new ModificationTag(modificationTagEpoch, modificationTagIndex));
    }

    public DesiredLrp.SchedulingInfo schedulingInfo() {
        List<String> tags = Arrays.asList(Json.read(placementTags, String[].class));
        return new DesiredLrp.SchedulingInfo(processGuid, domain, instances, memoryMb, diskMb, rootfs, tags);
    }
}
