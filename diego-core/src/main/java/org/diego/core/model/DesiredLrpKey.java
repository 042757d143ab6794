package org.diego.core.model;

/** What identifies a DesiredLRP and its logs; flattened into the scheduling and run info JSON. */
public record DesiredLrpKey(String processGuid, String domain, String logGuid) {

    public void validate() {
        Validation.guid("process_guid", processGuid);
        Validation.required("domain", domain);
    }
}
