package org.diego.core.lifecycle;

import org.diego.core.model.ActualLrp;

/** One change to the actual_lrps table; the primary key (guid, index, presence) never changes in place. */
public sealed interface RowWrite {

    /** A new row. */
    record Insert(ActualLrp row) implements RowWrite {
    }

    /** An existing row rewritten; {@code before} and {@code after} have the same primary key. */
    record Update(ActualLrp before, ActualLrp after) implements RowWrite {
        public Update {
            if (!before.key().equals(after.key()) || before.presence() != after.presence()) {
                throw new IllegalArgumentException("an update keeps the row's key and presence: " + before + " -> " + after);
            }
        }
    }

    /** A row deleted. */
    record Delete(ActualLrp row) implements RowWrite {
    }
}
