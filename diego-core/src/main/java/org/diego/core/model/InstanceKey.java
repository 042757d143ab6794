package org.diego.core.model;

/** Identifies one concrete container of an instance slot: which instance guid on which cell. */
public record InstanceKey(String instanceGuid, String cellId) {
    public static final InstanceKey EMPTY = new InstanceKey("", "");

    public InstanceKey {
        instanceGuid = instanceGuid == null ? "" : instanceGuid;
        cellId = cellId == null ? "" : cellId;
    }

    /** Diego's {@code Empty()}: neither an instance guid nor a cell, as on UNCLAIMED and CRASHED rows. */
    public boolean isEmpty() {
        return instanceGuid.isEmpty() && cellId.isEmpty();
    }

    public void validate() {
        validate("");
    }

    /** Diego's order: cell first, then instance guid; {@code prefix} names the enclosing field, e.g. "actual_lrp_instance_key.". */
    public void validate(String prefix) {
        Validation.required(prefix + "cell_id", cellId);
        Validation.required(prefix + "instance_guid", instanceGuid);
    }
}
