package org.diego.core.events;

/** The two event streams a client can subscribe to. */
public enum EventStream {
    /** {@code /v1/events/lrp_instances.r1}: desired LRP and actual LRP instance events. */
    LRP_INSTANCES,
    /** {@code /v1/events/tasks.r1}. */
    TASKS
}
