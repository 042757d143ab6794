package org.diego.core.model;

/** Identifies one concrete container of an instance slot: which instance guid on which cell. */
public record InstanceKey(String instanceGuid, String cellId) {
    public static final InstanceKey EMPTY = new InstanceKey("", "");

    public boolean isEmpty() {
        return instanceGuid == null || instanceGuid.isEmpty();
    }

    public void validate() {
        Validation.required("instance_guid", instanceGuid);
        Validation.required("cell_id", cellId);
    }
}
