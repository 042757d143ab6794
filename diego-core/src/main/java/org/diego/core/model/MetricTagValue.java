package org.diego.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A metric tag's value: a fixed string, or one filled in per instance (its index or instance guid).
 * Exactly one is set. {@code static} is a Java keyword, hence the component name.
 */
public record MetricTagValue(@JsonProperty("static") String staticValue, DynamicValue dynamic) {

    public static MetricTagValue ofStatic(String value) {
        return new MetricTagValue(value, null);
    }

    public static MetricTagValue ofDynamic(DynamicValue value) {
        return new MetricTagValue(null, value);
    }

    /** Diego's names; an unknown name reads as the invalid zero value, as Diego's decoder does. */
    public enum DynamicValue {
        DynamicValueInvalid, INDEX, INSTANCE_GUID;

        @JsonCreator
        public static DynamicValue of(String name) {
            for (DynamicValue v : values()) {
                if (v.name().equals(name)) {
                    return v;
                }
            }
            return DynamicValueInvalid;
        }

        boolean valid() {
            return this == INDEX || this == INSTANCE_GUID;
        }
    }

    public void validate(String field) {
        boolean hasStatic = staticValue != null && !staticValue.isEmpty();
        boolean hasDynamic = dynamic != null && dynamic.valid();
        if (hasStatic == hasDynamic) {
            throw new ValidationException(field, "exactly one of static and dynamic (INDEX or INSTANCE_GUID) must be set");
        }
    }

    /**
     * Checks every tag as {@code field.name}; when {@code metricsGuid} is set, a non-empty map must
     * carry it as the static {@code source_id} tag.
     */
    public static void validateAll(String field, Map<String, MetricTagValue> tags, String metricsGuid) {
        if (tags == null) {
            return;
        }
        tags.forEach((name, value) -> {
            Validation.required(field + "." + name, value);
            value.validate(field + "." + name);
        });
        if (!tags.isEmpty() && metricsGuid != null && !metricsGuid.isEmpty()) {
            MetricTagValue sourceId = tags.get("source_id");
            if (sourceId == null || !metricsGuid.equals(sourceId.staticValue())) {
                throw new ValidationException(field + ".source_id", "must match metrics_guid");
            }
        }
    }
}
