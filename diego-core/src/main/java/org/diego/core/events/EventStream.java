package org.diego.core.events;

/** The event streams a client can subscribe to; an event may belong to several (see {@link BbsEvent#streams()}). */
public enum EventStream {
    /** {@code /v1/events/lrp_instances.r1}: desired LRP, actual LRP instance and crash events. */
    LRP_INSTANCES,
    /** {@code /v1/events/tasks.r1}. */
    TASKS,
    /**
     * Diego's deprecated {@code GET /v1/events.r1}: desired LRP, actual LRP group
     * ({@code actual_lrp_created|changed|removed}) and crash events.
     */
    LRP_GROUPS
}
