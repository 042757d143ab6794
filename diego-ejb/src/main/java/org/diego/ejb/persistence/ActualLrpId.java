package org.diego.ejb.persistence;

import java.io.Serializable;

/** Primary key of an ActualLRP row: Diego keeps up to one row per presence for each index. */
public record ActualLrpId(String processGuid, int instanceIndex, int presence) implements Serializable {
    public ActualLrpId() {
        this(null, 0, 0);
    }
}
