package org.diego.core.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Every row of one index: Diego keeps at most one per presence. Lifecycle and evacuation decisions
 * read these together because a request may concern any of them.
 */
public record IndexRows(ActualLrp ordinary, ActualLrp evacuating, ActualLrp suspect) {
    public static final IndexRows NONE = new IndexRows(null, null, null);

    public static IndexRows of(Collection<ActualLrp> rows) {
        ActualLrp[] byPresence = new ActualLrp[Presence.values().length];
        for (ActualLrp row : rows) {
            if (byPresence[row.presence().ordinal()] != null) {
                throw new DiegoException(ErrorType.ResourceConflict, "two " + row.presence() + " rows for actual LRP "
                        + row.processGuid() + "/" + row.index());
            }
            byPresence[row.presence().ordinal()] = row;
        }
        return new IndexRows(byPresence[Presence.ORDINARY.ordinal()], byPresence[Presence.EVACUATING.ordinal()],
                byPresence[Presence.SUSPECT.ordinal()]);
    }

    /**
     * The row held by exactly {@code key}, looked up in primary-key order (ORDINARY, EVACUATING,
     * SUSPECT) as Diego's lookup walks the rows it read; null when none is.
     */
    public ActualLrp find(InstanceKey key) {
        for (ActualLrp row : all()) {
            if (row.instanceKey().equals(key)) {
                return row;
            }
        }
        return null;
    }

    /** The rows that exist, in primary-key order. */
    public List<ActualLrp> all() {
        List<ActualLrp> rows = new ArrayList<>(3);
        for (ActualLrp row : new ActualLrp[] {ordinary, evacuating, suspect}) {
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    public boolean isEmpty() {
        return ordinary == null && evacuating == null && suspect == null;
    }
}
