package org.diego.core.evacuation;

/**
 * What evacuate_running needs to know of the DesiredLRP: whether it still exists, whether it updates
 * by recreating (instances are moved one at a time, never duplicated) and, for that strategy, how many
 * instances it wants and how many ORDINARY rows of it run.
 */
public record DesiredState(boolean exists, boolean recreate, int instances, int runningOrdinary) {
    public static final DesiredState ABSENT = new DesiredState(false, false, 0, 0);

    /** Diego's default strategy: the evacuating instance keeps serving until its replacement runs. */
    public static DesiredState rolling(int instances) {
        return new DesiredState(true, false, instances, 0);
    }

    public static DesiredState recreate(int instances, int runningOrdinary) {
        return new DesiredState(true, true, instances, runningOrdinary);
    }
}
