package org.diego.ejb.persistence;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import org.diego.core.json.Json;
import org.diego.core.model.MetricTagValue;

/** The {@code metric_tags} column: the tags as one bare JSON object, as Diego stores them. */
record MetricTagsColumn(Map<String, MetricTagValue> tags) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    MetricTagsColumn {
        tags = tags == null ? Map.of() : tags;
    }

    @JsonValue
    @Override
    public Map<String, MetricTagValue> tags() {
        return tags;
    }

    static Map<String, MetricTagValue> read(String json) {
        if (json == null || json.isEmpty() || "null".equals(json)) {
            return Map.of();
        }
        return Json.read(json, MetricTagsColumn.class).tags();
    }
}
