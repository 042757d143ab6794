package org.diego.core.bridge.staging;

import org.diego.core.model.ValidationException;

/** A staging request for a lifecycle without a backend; Diego's stager answers 404 to it. */
public class UnknownLifecycleException extends ValidationException {
    private static final long serialVersionUID = 1L;

    public UnknownLifecycleException(String name) {
        super("lifecycle", (name == null || name.isEmpty() ? "is required" : "unknown lifecycle \"" + name + "\"")
                + "; must be buildpack or docker");
    }
}
