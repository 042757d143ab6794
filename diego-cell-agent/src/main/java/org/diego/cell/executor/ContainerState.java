package org.diego.cell.executor;

/** Diego's executor container states, minus "initializing" (the process backend creates at once). */
public enum ContainerState {
    /** Resources are held; nothing exists in the backend yet. */
    RESERVED,
    /** The backend container exists; its process is not started yet. */
    CREATED,
    /** The process runs. */
    RUNNING,
    /** Over: the process exited, was stopped, or could not be started. See {@link RunResult}. */
    COMPLETED
}
