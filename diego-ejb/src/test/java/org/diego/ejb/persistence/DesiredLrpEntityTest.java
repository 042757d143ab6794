package org.diego.ejb.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.diego.core.json.Json;
import org.diego.core.model.Action;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.DesiredLrpUpdate;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.MetricTagValue;
import org.diego.core.model.ModificationTag;
import org.diego.core.model.Routes;
import org.diego.core.model.RunAction;
import org.diego.core.model.UpdateStrategy;
import org.diego.core.model.VolumeMount;
import org.junit.jupiter.api.Test;

/** The desired_lrps row: Diego's column split, updates touching only their columns, pre-V4 rows readable. */
class DesiredLrpEntityTest {
    static final DesiredLrp LRP = DesiredLrp.builder().processGuid("app-1").domain("cf-apps").logGuid("log-1")
            .rootfs("preloaded:cflinuxfs4").instances(2).memoryMb(256).diskMb(512).maxPids(100)
            .env(List.of(new EnvironmentVariable("A", "1")))
            .action(new Action(new RunAction("/bin/app", List.of("serve"), null, null, "vcap")))
            .routes(Json.read("{\"cf-router\":[{\"hostnames\":[\"a.example.com\"],\"port\":8080}]}", Routes.class))
            .annotation("note").placementTags(List.of("blue"))
            .volumeMounts(List.of(new VolumeMount("nfs", "/data", "r", null, null)))
            .metricTags(Map.of("source_id", MetricTagValue.ofStatic("app-1")))
            .imageUsername("u").imagePassword("p").updateStrategy(UpdateStrategy.RECREATE)
            .modificationTag(new ModificationTag("ep", 0)).build();

    static Object field(Object o, String name) throws Exception {
        Field f = DesiredLrpEntity.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    static void set(Object o, String name, Object value) throws Exception {
        Field f = DesiredLrpEntity.class.getDeclaredField(name);
        f.setAccessible(true);
        f.set(o, value);
    }

    @Test
    void aRowReadsBackAsTheSameLrp() {
        assertEquals(LRP, DesiredLrpEntity.of(LRP, 123).toModel());
    }

    @Test
    void columnsHoldTheSchedulingInfoAndTheBlobTheRunInfo() throws Exception {
        DesiredLrpEntity row = DesiredLrpEntity.of(LRP, 123);
        assertEquals("log-1", field(row, "logGuid"));
        assertEquals(100, field(row, "maxPids"));
        assertEquals("{\"driver_names\":[\"nfs\"]}", field(row, "volumePlacement"));
        assertEquals("[\"blue\"]", field(row, "placementTags"));
        assertEquals("{\"source_id\":{\"static\":\"app-1\"}}", field(row, "metricTags"));
        assertEquals(1, field(row, "updateStrategy"));
        String runInfo = (String) field(row, "runInfo");
        assertTrue(runInfo.contains("\"created_at\":123"), runInfo);
        assertTrue(!runInfo.contains("\"instances\"") && !runInfo.contains("\"routes\""), runInfo);
        assertEquals(LRP.schedulingInfo(), row.schedulingInfo());
    }

    @Test
    void projectedRowsReadAsSchedulingAndRoutingInfos() throws Exception {
        DesiredLrpEntity row = DesiredLrpEntity.of(LRP, 1);
        Object[] scheduling = new Object[] {field(row, "processGuid"), field(row, "domain"), field(row, "logGuid"),
                field(row, "annotation"), field(row, "instances"), field(row, "memoryMb"), field(row, "diskMb"),
                field(row, "maxPids"), field(row, "rootfs"), field(row, "routes"), field(row, "volumePlacement"),
                field(row, "modificationTagEpoch"), field(row, "modificationTagIndex"), field(row, "placementTags")};
        assertEquals(LRP.schedulingInfo(), DesiredLrpEntity.schedulingInfo(scheduling));
        Object[] routing = new Object[] {field(row, "processGuid"), field(row, "domain"), field(row, "logGuid"),
                field(row, "instances"), field(row, "routes"), field(row, "modificationTagEpoch"),
                field(row, "modificationTagIndex"), field(row, "metricTags")};
        assertEquals(LRP.routingInfo(), DesiredLrpEntity.routingInfo(routing));
    }

    @Test
    void anUpdateRewritesTheRunInfoOnlyForNewImageCredentials() throws Exception {
        DesiredLrpEntity row = DesiredLrpEntity.of(LRP, 123);
        String runInfo = (String) field(row, "runInfo");
        DesiredLrp scaled = LRP.apply(new DesiredLrpUpdate(5, Routes.EMPTY, "n2", Map.of(), null, null));
        row.update(scaled);
        assertEquals(runInfo, field(row, "runInfo"), "same blob, not even re-serialised");
        assertEquals(scaled, row.toModel());

        DesiredLrp rotated = scaled.apply(new DesiredLrpUpdate(null, null, null, null, "u2", "p2"));
        row.update(rotated);
        assertNotEquals(runInfo, field(row, "runInfo"));
        assertTrue(((String) field(row, "runInfo")).contains("\"created_at\":123"), "created_at survives");
        assertEquals(rotated, row.toModel());
    }

    @Test
    void aRowMigratedByV4ReadsLikeBefore() throws Exception {
        // V4 keeps the old blob (the whole DesiredLRP as JSON) and fills the new columns from it.
        DesiredLrpEntity row = DesiredLrpEntity.of(LRP, 0);
        set(row, "runInfo", """
                {"process_guid":"app-1","domain":"cf-apps","rootfs":"preloaded:cflinuxfs4","instances":2,
                 "memory_mb":256,"disk_mb":512,"max_pids":100,"env":[{"name":"A","value":"1"}],
                 "action":{"run":{"path":"/bin/app","args":["serve"],"user":"vcap","env":[]}},
                 "start_timeout_ms":0,"ports":[],"placement_tags":["blue"],"annotation":"note",
                 "modification_tag":{"epoch":"ep","index":0}}""");
        set(row, "routes", "{}");
        set(row, "metricTags", "{}");
        set(row, "volumePlacement", "{\"driver_names\":[]}");
        set(row, "updateStrategy", 0);
        DesiredLrp read = row.toModel();
        assertEquals(LRP.toBuilder().routes(Routes.EMPTY).metricTags(Map.of()).volumeMounts(List.of())
                .imageUsername(null).imagePassword(null).updateStrategy(UpdateStrategy.ROLLING).build(), read);
    }

    @Test
    void emptyMetricTagsColumnsReadAsNoTags() {
        assertEquals(Map.of(), MetricTagsColumn.read(null));
        assertEquals(Map.of(), MetricTagsColumn.read("null"));
        assertEquals(Map.of("i", MetricTagValue.ofDynamic(MetricTagValue.DynamicValue.INDEX)),
                MetricTagsColumn.read("{\"i\":{\"dynamic\":\"INDEX\"}}"));
    }
}
