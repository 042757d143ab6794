package org.diego.cell.garden;

import java.util.concurrent.CompletableFuture;

/** A started process: its host pid and a future completed with its exit status (Garden's Process.Wait). */
public record ContainerProcess(long pid, CompletableFuture<Integer> exitStatus) {
}
