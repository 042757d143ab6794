package org.diego.core.model;

import java.util.List;

/**
 * Health checks the executor runs instead of a {@code monitor} action: {@code checks} decide
 * liveness, {@code readiness_checks} decide whether the instance is routable.
 */
public record CheckDefinition(List<Check> checks, String logSource, List<Check> readinessChecks) {
    public CheckDefinition {
        checks = checks == null ? List.of() : List.copyOf(checks);
        readinessChecks = readinessChecks == null ? List.of() : List.copyOf(readinessChecks);
    }

    public void validate(String field) {
        Validation.each(Validation.sub(field, "checks"), checks, (at, c) -> c.validate(at));
        Validation.each(Validation.sub(field, "readiness_checks"), readinessChecks, (at, c) -> c.validate(at));
    }
}
