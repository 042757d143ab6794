package org.diego.core.bridge.staging;

import org.diego.core.model.Validation;
import org.diego.core.model.ValidationException;

/** One buildpack of a staging request ({@code name}, {@code key}, {@code url}, {@code skip_detect}). */
public record BuildpackRef(String name, String key, String url, boolean skipDetect) {
    /** CC's name for a buildpack given by URL (a git repository here unsupported: no git in the container). */
    public static final String CUSTOM = "custom";

    public void validate(String field) {
        Validation.required(Validation.sub(field, "key"), key);
        Validation.required(Validation.sub(field, "url"), url);
        if (!url.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            throw new ValidationException(Validation.sub(field, "url"), "must be an absolute URL");
        }
    }
}
