package org.diego.core.model;

/**
 * Limits on a run action's process; each is optional (absent = the cell's default). Diego ignores
 * the deprecated {@code nproc}.
 */
public record ResourceLimits(Long nofile, Long nproc) {

    public void validate(String field) {
        if (nofile != null) {
            Validation.nonNegative(Validation.sub(field, "nofile"), nofile);
        }
        if (nproc != null) {
            Validation.nonNegative(Validation.sub(field, "nproc"), nproc);
        }
    }
}
