package org.diego.core.model;

/** Diego's optimistic-concurrency tag: a random epoch per record and an index bumped on every write. */
public record ModificationTag(String epoch, int index) {
    public ModificationTag next() {
        return new ModificationTag(epoch, index + 1);
    }
}
