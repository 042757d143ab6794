package org.diego.cell.executor.transfer;

import java.util.ArrayList;
import java.util.List;

/** Lets a step abort a transfer from another thread: what is registered is run once, on cancel. */
public final class CancelToken {
    private final List<Runnable> onCancel = new ArrayList<>();
    private boolean cancelled;

    public void cancel() {
        List<Runnable> actions;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            actions = List.copyOf(onCancel);
            onCancel.clear();
        }
        actions.forEach(Runnable::run);
    }

    public synchronized boolean cancelled() {
        return cancelled;
    }

    /** Runs {@code action} on cancel, or at once if already cancelled. */
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                onCancel.add(action);
                return;
            }
        }
        action.run();
    }

    /** Throws when cancelled, to end a transfer between its phases. */
    public void check() throws TransferCancelledException {
        if (cancelled()) {
            throw new TransferCancelledException();
        }
    }

    /** The transfer was cancelled. */
    public static final class TransferCancelledException extends java.io.IOException {
        private static final long serialVersionUID = 1L;

        public TransferCancelledException() {
            super("cancelled");
        }
    }
}
