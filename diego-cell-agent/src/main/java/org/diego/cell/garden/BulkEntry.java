package org.diego.cell.garden;

/**
 * One handle's answer in a bulk call (Garden's ContainerInfoEntry and ContainerMetricsEntry): a value, or
 * the error that handle got, so one bad handle does not fail the others.
 */
public record BulkEntry<T>(T value, String error) {
    public static <T> BulkEntry<T> of(T value) {
        return new BulkEntry<>(value, null);
    }

    public static <T> BulkEntry<T> failed(String error) {
        return new BulkEntry<>(null, error);
    }

    public boolean ok() {
        return error == null;
    }
}
