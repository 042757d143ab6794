package org.diego.cell.garden;

/** Lets tests in other packages ask whether a process is gone the way the backend does (zombies count). */
public final class TestProcesses {
    private TestProcesses() {
    }

    public static boolean gone(ProcessHandle process) {
        return ProcessTree.exited(process);
    }
}
