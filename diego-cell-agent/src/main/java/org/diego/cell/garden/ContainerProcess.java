package org.diego.cell.garden;

import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A started process (Garden's Process): its id in the container, its host pid, a future completed with
 * its exit status (Process.Wait), and its own output when it was started with
 * {@link ProcessOptions#ownStreams()} (otherwise its output is in the container's logs).
 */
public record ContainerProcess(String id, long pid, CompletableFuture<Integer> exitStatus, ProcessOutput output) {
    public ContainerProcess {
        output = output == null ? ProcessOutput.NONE : output;
    }

    /** Without an id or streams of its own. */
    public ContainerProcess(long pid, CompletableFuture<Integer> exitStatus) {
        this(Long.toString(pid), pid, exitStatus, ProcessOutput.NONE);
    }

    /** Its stdout from the start, ending when the process has exited; empty without own streams. */
    public InputStream stdout() {
        return output.stdout(exitStatus);
    }

    /** Its stderr from the start, ending when the process has exited; empty without own streams. */
    public InputStream stderr() {
        return output.stderr(exitStatus);
    }

    public boolean running() {
        return !exitStatus.isDone();
    }
}
