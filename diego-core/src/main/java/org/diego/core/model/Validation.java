package org.diego.core.model;

import java.util.regex.Pattern;

/** Field checks shared by the models; each throws {@link ValidationException} naming the field. */
public final class Validation {
    /** Diego's guid rule for process and task guids. */
    public static final Pattern GUID = Pattern.compile("^[a-zA-Z0-9_-]+$");
    public static final int MAX_ANNOTATION_BYTES = 10 * 1024;

    private Validation() {
    }

    public static void guid(String field, String value) {
        required(field, value);
        if (!GUID.matcher(value).matches()) {
            throw new ValidationException(field, "must match " + GUID.pattern());
        }
    }

    public static void required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "is required");
        }
    }

    public static void required(String field, Object value) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
    }

    public static void nonNegative(String field, long value) {
        if (value < 0) {
            throw new ValidationException(field, "must not be negative");
        }
    }

    public static void atMost(String field, long value, long max) {
        if (value > max) {
            throw new ValidationException(field, "must be at most " + max);
        }
    }
}
