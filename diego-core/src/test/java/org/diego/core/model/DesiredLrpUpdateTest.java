package org.diego.core.model;

import static org.diego.core.model.Fields.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import org.diego.core.json.Json;
import org.junit.jupiter.api.Test;

/** DesiredLRPUpdate: only its six fields change, absent means unchanged, every write bumps the tag. */
class DesiredLrpUpdateTest {
    static final Routes NEW_ROUTES = Json.read("{\"cf-router\":[{\"hostnames\":[\"b.example.com\"],\"port\":8080}]}",
            Routes.class);

    @Test
    void anEmptyUpdateChangesOnlyTheModificationTag() {
        DesiredLrp before = Fields.full();
        DesiredLrp after = before.apply(new DesiredLrpUpdate(null, null, null, null, null, null));
        assertEquals(new ModificationTag("ep-1", 8), after.modificationTag());
        assertEquals(before, after.withModificationTag(before.modificationTag()));
    }

    @Test
    void eachPresentFieldReplacesTheLrpsValue() {
        DesiredLrp before = Fields.full();
        Map<String, MetricTagValue> tags = Map.of("source_id", MetricTagValue.ofStatic("app-guid"),
                "instance", MetricTagValue.ofDynamic(MetricTagValue.DynamicValue.INSTANCE_GUID));
        DesiredLrp after = before.apply(new DesiredLrpUpdate(5, NEW_ROUTES, "etag-2", tags, "u2", "p2"));
        assertAll(
                () -> assertEquals(5, after.instances()),
                () -> assertEquals(NEW_ROUTES, after.routes()),
                () -> assertEquals("etag-2", after.annotation()),
                () -> assertEquals(tags, after.metricTags()),
                () -> assertEquals("u2", after.imageUsername()),
                () -> assertEquals("p2", after.imagePassword()),
                () -> assertEquals(8, after.modificationTag().index()));
        DesiredLrp rest = after.toBuilder().instances(before.instances()).routes(before.routes())
                .annotation(before.annotation()).metricTags(before.metricTags()).imageUsername(before.imageUsername())
                .imagePassword(before.imagePassword()).modificationTag(before.modificationTag()).build();
        assertEquals(before, rest, "nothing else changed");
    }

    @Test
    void anEmptyAnnotationOrZeroInstancesArePresentValues() {
        DesiredLrp after = Fields.full().apply(new DesiredLrpUpdate(0, Routes.EMPTY, "", Map.of(), null, null));
        assertEquals(0, after.instances());
        assertEquals("", after.annotation());
        assertEquals(Routes.EMPTY, after.routes());
        assertEquals(Map.of(), after.metricTags());
    }

    @Test
    void successiveUpdatesKeepIncreasingTheIndex() {
        DesiredLrp lrp = Fields.full();
        for (int i = 1; i <= 3; i++) {
            lrp = lrp.apply(DesiredLrpUpdate.instances(i));
            assertEquals(7 + i, lrp.modificationTag().index());
            assertEquals("ep-1", lrp.modificationTag().epoch());
        }
    }

    @Test
    void anLrpWithoutATagGetsIndexOneLikeGosZeroTag() {
        DesiredLrp lrp = Fields.lrp(b -> b.modificationTag(null)).apply(DesiredLrpUpdate.instances(1));
        assertEquals(new ModificationTag("", 1), lrp.modificationTag());
    }

    @Test
    void validationNamesTheField() {
        assertInvalid("instances", () -> DesiredLrpUpdate.instances(-1).validate());
        assertInvalid("annotation", () -> new DesiredLrpUpdate(null, null, "a".repeat(10 * 1024 + 1), null, null,
                null).validate());
        assertInvalid("routes", () -> DesiredLrpUpdate.routes(new Routes(Map.of("big",
                TextNode.valueOf("x".repeat(128 * 1024))))).validate());
        assertInvalid("metric_tags.t", () -> new DesiredLrpUpdate(null, null, null,
                Map.of("t", new MetricTagValue(null, null)), null, null).validate());
        assertInvalid("image_password", () -> new DesiredLrpUpdate(null, null, null, null, "u", null).validate());
        assertInvalid("image_username", () -> new DesiredLrpUpdate(null, null, null, null, null, "p").validate());
    }

    @Test
    void metricTagsOfAnUpdateNeedNoSourceId() {
        // Diego checks an update's tags without a metrics guid.
        new DesiredLrpUpdate(null, null, null, Map.of("x", MetricTagValue.ofStatic("y")), null, null).validate();
    }

    @Test
    void applyRefusesAnInvalidUpdateAndChangesNothing() {
        DesiredLrp before = Fields.full();
        assertThrows(ValidationException.class, () -> before.apply(DesiredLrpUpdate.instances(-3)));
        assertEquals(Fields.full(), before);
    }

    @Test
    void jsonAbsentFieldsStayAbsent() {
        DesiredLrpUpdate update = Json.read("{\"instances\": 4}", DesiredLrpUpdate.class);
        assertEquals(4, update.instances());
        assertNull(update.routes());
        assertNull(update.annotation());
        assertNull(update.metricTags());
        assertEquals("{\"instances\":4}", Json.write(update));

        DesiredLrpUpdate full = Json.read("""
                {"instances": 0, "annotation": "", "routes": {"cf-router": []},
                 "metric_tags": {"i": {"dynamic": "INDEX"}}, "image_username": "u", "image_password": "p"}
                """, DesiredLrpUpdate.class);
        assertEquals(new DesiredLrpUpdate(0, Json.read("{\"cf-router\": []}", Routes.class), "",
                Map.of("i", MetricTagValue.ofDynamic(MetricTagValue.DynamicValue.INDEX)), "u", "p"), full);
    }
}
