package org.diego.cell.executor;

/** Diego's executor container states, minus "initializing" (the process backend creates at once). */
public enum ContainerState {
    /** Resources are held; nothing exists in the backend yet. */
    RESERVED,
    /** The backend container exists; its steps run (downloads, setup, startup checks) but it is not up yet. */
    CREATED,
    /** The action runs and its startup check, if any, has passed. */
    RUNNING,
    /** Over: the steps ended, were stopped, or could not be started. See {@link RunResult}. */
    COMPLETED
}
