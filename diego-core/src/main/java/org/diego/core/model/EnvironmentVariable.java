package org.diego.core.model;

/** One entry of Diego's env list: {@code {"name": ..., "value": ...}}. */
public record EnvironmentVariable(String name, String value) {
    public void validate(String field) {
        Validation.required(field + ".name", name);
    }
}
