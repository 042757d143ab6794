package org.diego.cell.executor;

/**
 * What is left of the cell's capacity. A container holds its share from reservation until it is
 * destroyed, completed or not, as in Diego's executor: the slot is only free once the container is gone.
 */
final class ResourceLedger {
    private final Resources total;
    private Resources used = Resources.NONE;

    ResourceLedger(Resources total) {
        this.total = total;
    }

    synchronized boolean tryReserve(Resources wanted) {
        if (!wanted.fitsIn(remaining())) {
            return false;
        }
        used = used.plus(wanted);
        return true;
    }

    synchronized void release(Resources held) {
        used = used.minus(held);
    }

    synchronized Resources remaining() {
        return total.minus(used);
    }

    Resources total() {
        return total;
    }
}
