package org.diego.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The only changes Diego allows to a desired LRP; each field is optional and an absent (null) one
 * leaves the LRP's value unchanged. {@code metric_tags}, when present, replaces all tags.
 */
public record DesiredLrpUpdate(Integer instances, Routes routes, String annotation,
                               Map<String, MetricTagValue> metricTags, String imageUsername, String imagePassword) {

    public DesiredLrpUpdate {
        metricTags = metricTags == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metricTags));
    }

    public static DesiredLrpUpdate instances(int instances) {
        return new DesiredLrpUpdate(instances, null, null, null, null, null);
    }

    public static DesiredLrpUpdate routes(Routes routes) {
        return new DesiredLrpUpdate(null, routes, null, null, null, null);
    }

    /** Diego's update checks; image credentials must be given together. Names the first bad field. */
    public DesiredLrpUpdate validate() {
        if (instances != null) {
            Validation.nonNegative("instances", instances);
        }
        Validation.maxBytes("annotation", annotation, Validation.MAX_ANNOTATION_BYTES);
        if (routes != null) {
            routes.validate("routes");
        }
        MetricTagValue.validateAll("metric_tags", metricTags, "");
        if (imageUsername != null && imagePassword == null) {
            throw new ValidationException("image_password", "is required with image_username");
        }
        if (imageUsername == null && imagePassword != null) {
            throw new ValidationException("image_username", "is required with image_password");
        }
        return this;
    }

    public boolean changesInstances() {
        return instances != null;
    }
}
