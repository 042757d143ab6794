package org.diego.cell.logs;

import org.diego.core.logs.LogBatch;

/** Delivers one batch to the cluster; throws when it could not (the batch is then kept for a retry). */
@FunctionalInterface
public interface BatchSender {
    void send(LogBatch batch);
}
