package org.diego.core.model;

/** A process that runs beside the main action in the same container, with its own resource share. */
public record Sidecar(Action action, int diskMb, int memoryMb) {

    public void validate(String field) {
        Action.validateInner(Validation.sub(field, "action"), action);
        Validation.nonNegative(Validation.sub(field, "memory_mb"), memoryMb);
        Validation.nonNegative(Validation.sub(field, "disk_mb"), diskMb);
    }
}
